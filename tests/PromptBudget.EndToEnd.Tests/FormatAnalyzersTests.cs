using System;
using System.IO;
using Xunit;

namespace PromptBudget.EndToEnd.Tests;

/// <summary>
/// The PB1003 code fix as a team applies it to a whole repository: `dotnet format analyzers --diagnostics PB1003`
/// on a fresh project that references the packed package. One run fixes every call of both SDKs (one
/// fix-all key), keeps a multi-line argument list as it was laid out, inserts the value from
/// PromptBudgetFixMaxOutputTokens, and the next build has no PB1003 left.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class FormatAnalyzersTests
{
    private readonly PackageFixture _package;

    public FormatAnalyzersTests(PackageFixture package) => _package = package;

    [Fact]
    public void OneRunOfDotnetFormatFixesEveryCallOfBothSdksAndKeepsTheLayout()
    {
        var project = UserProject.Create(_package, "format-fix", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <NoWarn>$(NoWarn);NU1603;NU1608</NoWarn>
                <PromptBudgetFixMaxOutputTokens>512</PromptBudgetFixMaxOutputTokens>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="OpenAI" Version="2.15.0" />
                <PackageReference Include="Microsoft.Extensions.AI.OpenAI" Version="10.11.0" />
                <PackageReference Include="PromptBudget" Version="$PromptBudgetVersion$" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        project.Write("Answer.cs", """
            using OpenAI.Chat;

            namespace Shop;

            public sealed class Answer
            {
                private readonly ChatClient _client = new("gpt-4o", "key");

                public ChatCompletion Ask() =>
                    _client.CompleteChat(
                        new ChatMessage[] { new SystemChatMessage("Answer in two sentences."), new UserChatMessage("Where is my order?") },
                        new ChatCompletionOptions
                        {
                            Temperature = 0.2f,
                        });
            }
            """);
        project.Write("Summary.cs", """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            namespace Shop;

            public sealed class Summary
            {
                private readonly IChatClient _client = new OpenAI.Chat.ChatClient("gpt-4o-mini", "key").AsIChatClient();

                public Task<ChatResponse> Summarize() =>
                    _client.GetResponseAsync("Summarize the last order in one line.");
            }
            """);

        var before = project.Build();
        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Contains("Answer.cs(10,", before.Output, StringComparison.Ordinal);
        Assert.Equal(2, CountPb1003Files(before.Output));

        var format = DotNet.Run(project.Directory, "format", "analyzers", "--diagnostics", "PB1003", "--severity", "info", "--verbosity", "normal");
        Assert.True(format.ExitCode == 0, format.ToString());

        var answer = File.ReadAllText(Path.Combine(project.Directory, "Answer.cs"));
        Assert.Contains("""
                        new ChatCompletionOptions
                        {
                            Temperature = 0.2f,
                            MaxOutputTokenCount = 512,
                        });
            """.Replace("\r\n", "\n"), answer.Replace("\r\n", "\n"), StringComparison.Ordinal);
        var summary = File.ReadAllText(Path.Combine(project.Directory, "Summary.cs"));
        Assert.Contains("MaxOutputTokens = 512", summary, StringComparison.Ordinal);

        var after = project.Build("--no-incremental");
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.DoesNotContain("PB1003", after.Output, StringComparison.Ordinal);
    }

    private static int CountPb1003Files(string output)
    {
        var files = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            var at = line.IndexOf(": warning PB1003", StringComparison.Ordinal);
            if (at > 0)
            {
                files.Add(Path.GetFileName(line.Substring(0, line.IndexOf('(', StringComparison.Ordinal))));
            }
        }

        return files.Count;
    }
}
