using System.Globalization;
using System.IO;
using System.Linq;
using PromptBudget.Core.Json;
using Xunit;

namespace PromptBudget.EndToEnd.Tests;

/// <summary>
/// A Microsoft Agent Framework agent in a fresh project that references the packed package: the agent's own tool
/// loop (a FunctionInvokingChatClient at Microsoft.Extensions.AI's default) is PB1012 at the RunAsync line, the
/// record carries the cap and its source, and the feature's cost per request counts every model call of the loop,
/// so a budget one call would meet fails the build.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class AgentEndToEndTests
{
    private const string Desk = """
        using System.ComponentModel;
        using System.Threading.Tasks;
        using Microsoft.Agents.AI;
        using Microsoft.Extensions.AI;
        using OpenAI;

        namespace Shop.Bot;

        public sealed class OrderDesk
        {
            private readonly AIAgent _agent = new OpenAIClient("key").GetChatClient("gpt-4o-mini").AsIChatClient()
                .AsAIAgent(instructions: "You are the shop's order desk. Look the order up before you answer.", tools: [AIFunctionFactory.Create(LookUpOrder)]);

            [Description("Looks an order up by its number.")]
            private static string LookUpOrder([Description("The order number.")] int order) => "shipped";

            public Task<AgentResponse> Ask([PromptBudget.PromptBound(200)] string question) =>
                _agent.RunAsync(question);
        }
        """;

    private readonly PackageFixture _package;

    public AgentEndToEndTests(PackageFixture package) => _package = package;

    [Fact]
    public void An_agents_default_loop_is_PB1012_and_its_feature_budget_counts_every_model_call()
    {
        var project = UserProject.Create(
            _package,
            "agent-loop",
            Sources.Project(extra: "<ShopBotBudget>0.05</ShopBotBudget>")
                .Replace("<PackageReference Include=\"OpenAI\" Version=\"2.15.0\" />", "<PackageReference Include=\"Microsoft.Agents.AI\" Version=\"1.28.0\" />\n    <PackageReference Include=\"Microsoft.Extensions.AI.OpenAI\" Version=\"10.11.0\" />"),
            "prompt_budget.feature = shop-bot\n");
        project.Write("OrderDesk.cs", Desk);
        var result = project.Build();

        var json = JsonReader.Parse(File.ReadAllText(Path.Combine(project.ObjPromptBudget(), "promptbudget.json")));
        var site = Assert.Single(json.Get("callSites")!.Items);
        Assert.True(site.GetString("gen_ai.request.model") == "gpt-4o-mini", result.ToString());
        Assert.Equal("40", site.Get("loopIterationCap")!.Text);
        Assert.Equal("library-default", site.GetString("loopIterationCapSource"));
        Assert.Equal("40", site.Get("requestModelCalls")!.Text);
        var perCall = decimal.Parse(site.Get("worstCaseCostUsd")!.Text!, CultureInfo.InvariantCulture);
        var perRequest = decimal.Parse(site.Get("requestWorstCaseCostUsd")!.Text!, CultureInfo.InvariantCulture);
        Assert.True(perCall < 0.05m && perRequest > 0.05m, $"the test needs one call under the $0.05 budget and the request over it ({perCall}, {perRequest})");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"OrderDesk\.cs\(18,\d+\): warning PB1012: One request of this call can make 40 model calls \(ChatClientAgent's own FunctionInvokingChatClient: ", result.Output);
        Assert.Matches(@"OrderDesk\.cs\(18,\d+\): error PB3001: feature 'shop-bot' .*\(tool loop of 40 model calls\)", result.Output);
        Assert.Contains("### Agent loops", File.ReadAllText(Path.Combine(project.ObjPromptBudget(), "promptbudget.md")));
    }
}
