using System.Linq;
using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Recognizers;

/// <summary>
/// Options configured through a delegate that binds a section (<c>Configure&lt;T&gt;(o =&gt; section.Bind(o))</c>,
/// <c>AddOptions&lt;T&gt;().Configure(…)</c>, with an <c>IConfiguration</c> dependency) and through the options builder
/// (<c>.Bind(section)</c>, <c>.BindConfiguration(path)</c>); and what PB1009 says of options it cannot follow. Real OpenAI 2.15,
/// M.E.Options, M.E.Configuration.Abstractions; the Configuration.Binder and Options.ConfigurationExtensions calls are stubs.
/// </summary>
public class OptionsDelegateModelTests
{
    private const string AppSettings = """{ "AI": { "Model": "gpt-4.1", "Chat": { "Model": "gpt-4.1-mini" } }, "Other": { "Model": "gpt-4o" } }""";

    private const string Options = """
        public sealed class A1 { public string Model { get; set; } = ""; }
        public sealed class A2 { public string Model { get; set; } = ""; }
        public sealed class A3 { public string Model { get; set; } = ""; }
        public sealed class A4 { public string Model { get; set; } = ""; }
        public sealed class A5 { public string Model { get; set; } = ""; }
        public sealed class A6 { public string Model { get; set; } = ""; }
        """;

    private static string[] Sources(string source) => new[] { source, Options, SdkStubs.ConfigurationBinder, SdkStubs.OptionsConfigurationExtensions };

    [Fact]
    public async Task DelegatesThatBindASectionAndTheOptionsBuilder()
    {
        const string source = """
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Options;
            using OpenAI.Chat;

            static class Setup
            {
                public static void Configure(IServiceCollection services, IConfiguration configuration)
                {
                    services.Configure<A1>(o => configuration.GetSection("AI").Bind(o));
                    services.AddOptions<A2>().Configure(o => configuration.Bind("AI:Chat", o));
                    services.AddOptions<A3>().Configure<IConfiguration>((o, config) => config.GetSection("Other").Bind(o));
                    services.AddOptions<A4>().Bind(configuration.GetSection("AI")).ValidateOnStart();
                    services.AddOptions<A5>().BindConfiguration("Other");
                }
            }

            class Bot(IOptions<A1> a1, IOptions<A2> a2, IOptions<A3> a3, IOptions<A4> a4, IOptionsMonitor<A5> a5)
            {
                public void Ask()
                {
                    new ChatClient(a1.Value.Model, "key").CompleteChat("1");
                    new ChatClient(a2.Value.Model, "key").CompleteChat("2");
                    new ChatClient(a3.Value.Model, "key").CompleteChat("3");
                    new ChatClient(a4.Value.Model, "key").CompleteChat("4");
                    new ChatClient(a5.CurrentValue.Model, "key").CompleteChat("5");
                }
            }
            """;

        var (_, sites) = await CallSiteRun.CallSitesAsync(Sources(source), ("/0/appsettings.json", AppSettings));

        Assert.Equal(new[] { "gpt-4.1", "gpt-4.1-mini", "gpt-4o", "gpt-4.1", "gpt-4o" }, sites.Select(s => s.Model));
        Assert.Equal(
            new[] { "appsettings.json: AI:Model", "appsettings.json: AI:Chat:Model", "appsettings.json: Other:Model", "appsettings.json: AI:Model", "appsettings.json: Other:Model" },
            sites.Select(s => s.ModelSourceDetail));
    }

    [Fact]
    public async Task OptionsThatCannotBeFollowedSayHowTheyAreConfigured()
    {
        const string source = """
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Options;
            using OpenAI.Chat;

            static class Setup
            {
                public static void Configure(IServiceCollection services, IConfiguration configuration)
                {
                    services.Configure<A1>(o => o.Model = "gpt-4o");
                    services.Configure<A2>(configuration.GetSection("AI"));
                    services.AddOptions<A2>().BindConfiguration("Other");
                }
            }

            class Bot(IOptions<A1> a1, IOptions<A2> a2, IOptions<A6> a6)
            {
                public void Ask()
                {
                    new ChatClient(a1.Value.Model, "key").CompleteChat("1");
                    new ChatClient(a2.Value.Model, "key").CompleteChat("2");
                    new ChatClient(a6.Value.Model, "key").CompleteChat("3");
                }
            }
            """;

        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(Sources(source), ("/0/appsettings.json", AppSettings));

        Assert.All(sites, s => Assert.Null(s.Model));
        var messages = diagnostics.Where(d => d.Id == "PB1009").Select(d => d.GetMessage()).ToList();
        Assert.Equal(3, messages.Count);
        Assert.Contains("the options A1 are configured only by a delegate that binds no configuration section (Test0.cs:10): values it sets in code are not read", messages[0]);
        Assert.Contains("the options A2 are bound to several sections (AI, Other)", messages[1]);
        Assert.Contains("the options A6 are bound to no configuration section in this project", messages[2]);
    }
}
