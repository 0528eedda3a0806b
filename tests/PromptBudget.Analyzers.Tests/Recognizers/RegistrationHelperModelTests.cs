using System.Linq;
using System.Threading.Tasks;
using PromptBudget.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Recognizers;

/// <summary>
/// Registrations made inside the project's own helpers belong to the collection or kernel builder each call of the
/// helper passes: <c>Configure(services)</c>, <c>services.AddAi()</c>, <c>Kernel.CreateBuilder().AddAi()</c>,
/// <c>Setup.Configure(builder)</c>. Real packages (SK.Core / Connectors.OpenAI 1.82, M.E.AI 10.11, M.E.DependencyInjection).
/// </summary>
public class RegistrationHelperModelTests
{
    [Fact]
    public async Task ServiceCollectionHelpersRegisterOnTheCollectionEachCallPasses()
    {
        const string setup = """
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;
            using OpenAI;

            static class Setup
            {
                public static void Configure(IServiceCollection services, string key) { services.AddOpenAIChatCompletion("gpt-4o", key); }

                // An extension that hands the collection on to another helper (two helpers deep).
                public static IServiceCollection AddAi(this IServiceCollection s, string key)
                {
                    AddClient(s, key);
                    return s;
                }

                private static void AddClient(IServiceCollection target, string key) =>
                    target.AddChatClient(new OpenAIClient(key).GetChatClient("gpt-4.1-mini").AsIChatClient());
            }
            """;
        const string program = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;

            class App
            {
                async Task Run(string key)
                {
                    var services = new ServiceCollection();
                    Setup.Configure(services, key);
                    await new Kernel(services.BuildServiceProvider()).InvokePromptAsync("One");

                    var other = new ServiceCollection();
                    other.AddAi(key);
                    await new Kernel(other.BuildServiceProvider()).InvokePromptAsync("Two");

                    // Nothing is registered on this one: the helpers' registrations are not its own.
                    var empty = new ServiceCollection();
                    await new Kernel(empty.BuildServiceProvider()).InvokePromptAsync("Three");
                }
            }
            """;

        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { program, setup });

        Assert.Equal(new[] { "gpt-4o", "gpt-4.1-mini", null }, sites.Select(s => s.Model));
        Assert.Contains("the kernel 'new Kernel(empty.BuildServiceProvider())': no registration of it in this project", Assert.Single(diagnostics, d => d.Id == "PB1009").GetMessage());
    }

    [Fact]
    public async Task KernelBuilderHelpersRegisterOnTheBuilderTheyAreGiven()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;

            static class Setup
            {
                public static IKernelBuilder AddSk(this IKernelBuilder b, string key) { b.AddOpenAIChatCompletion("gpt-4.1-mini", key); return b; }

                public static void ConfigureKernel(IKernelBuilder b, string key) => b.AddOpenAIChatCompletion("gpt-4.1-nano", key);

                // A fluent chain: the last registration is the one a call without a service id uses.
                public static IKernelBuilder AddTwo(this IKernelBuilder b, string key) =>
                    b.AddOpenAIChatCompletion("gpt-4o", key, serviceId: "smart").AddOpenAIChatCompletion("gpt-4o-mini", key, serviceId: "fast");

                public static IServiceCollection AddOnServices(this IServiceCollection s, string key) => s.AddOpenAIChatCompletion("gpt-4.1", key);
            }

            class App
            {
                async Task Run(string key)
                {
                    await Kernel.CreateBuilder().AddSk(key).Build().InvokePromptAsync("One");

                    var b = Kernel.CreateBuilder();
                    Setup.ConfigureKernel(b, key);
                    await b.Build().InvokePromptAsync("Two");

                    var c = Kernel.CreateBuilder();
                    c.AddTwo(key);
                    await c.Build().InvokePromptAsync("Three");

                    var d = Kernel.CreateBuilder();
                    d.Services.AddOnServices(key);
                    await d.Build().InvokePromptAsync("Four");
                }
            }
            """;

        var (_, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        Assert.Equal(new[] { "gpt-4.1-mini", "gpt-4.1-nano", "gpt-4o-mini", "gpt-4.1" }, sites.Select(s => s.Model));
    }

    [Fact]
    public async Task RegistrationsBeyondFourHelpersArePB1009SayingSo()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.SemanticKernel;

            static class Deep
            {
                public static void L1(IKernelBuilder b, string key) => L2(b, key);
                public static void L2(IKernelBuilder b, string key) => L3(b, key);
                public static void L3(IKernelBuilder b, string key) => L4(b, key);
                public static void L4(IKernelBuilder b, string key) => L5(b, key);
                public static void L5(IKernelBuilder b, string key) => b.AddOpenAIChatCompletion("gpt-4o", key);

                public static void S1(IServiceCollection s, string key) => S2(s, key);
                public static void S2(IServiceCollection s, string key) => S3(s, key);
                public static void S3(IServiceCollection s, string key) => S4(s, key);
                public static void S4(IServiceCollection s, string key) => S5(s, key);
                public static void S5(IServiceCollection s, string key) => s.AddOpenAIChatCompletion("gpt-4o", key);
            }

            class App
            {
                async Task Run(string key)
                {
                    var b = Kernel.CreateBuilder();
                    b.AddOpenAIChatCompletion("gpt-4o-mini", key);
                    Deep.L1(b, key);
                    await b.Build().InvokePromptAsync("One");

                    var services = new ServiceCollection();
                    Deep.S1(services, key);
                    await new Kernel(services.BuildServiceProvider()).InvokePromptAsync("Two");
                }
            }
            """;

        var (diagnostics, sites) = await CallSiteRun.CallSitesAsync(new[] { source });

        // The builder's own registration (gpt-4o-mini) is not priced: the unread one, made later, is the one the call would use.
        Assert.Equal(new string?[] { null, null }, sites.Select(s => s.Model));
        var messages = diagnostics.Where(d => d.Id == "PB1009").Select(d => d.GetMessage()).ToList();
        Assert.Equal(2, messages.Count);
        Assert.Contains("the kernel 'b.Build()': the builder is passed to Deep.L5 (Test0.cs:10), more than 4 helpers deep; registrations are followed no deeper", messages[0]);
        Assert.Contains("the registration at Test0.cs:17 is made in a helper on 's', passed on through more than 4 helpers (up to Deep.S1); followed no deeper", messages[1]);
    }
}
