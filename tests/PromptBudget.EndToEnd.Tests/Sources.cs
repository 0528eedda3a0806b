namespace PromptBudget.EndToEnd.Tests;

/// <summary>The user code the end-to-end projects compile: one OpenAI chat call with a bounded question.</summary>
public static class Sources
{
    public const string SystemPrompt = "You are the shop's assistant. Answer in two sentences.";

    public static string Answer(int maxOutputTokens) => $$"""
        using OpenAI.Chat;

        namespace Shop.Bot;

        public sealed class Answer
        {
            private readonly ChatClient _client = new("gpt-4o", "key");

            public ChatCompletion Ask([PromptBudget.PromptBound(200)] string question) =>
                _client.CompleteChat(
                    new ChatMessage[] { new SystemChatMessage("{{SystemPrompt}}"), new UserChatMessage(question) },
                    new ChatCompletionOptions { MaxOutputTokenCount = {{maxOutputTokens}} });
        }
        """;

    public static string Project(string targetFrameworks = "<TargetFramework>net10.0</TargetFramework>", string extra = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            {targetFrameworks}
            <Nullable>enable</Nullable>
            <NoWarn>$(NoWarn);NU1603;NU1608</NoWarn>
            {extra}
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="OpenAI" Version="2.15.0" />
            <PackageReference Include="PromptBudget" Version="$PromptBudgetVersion$" PrivateAssets="all" />
          </ItemGroup>
          <ItemGroup>
            <PromptBudgetFeature Include="shop-bot" MaxCostPerRequestUsd="$(ShopBotBudget)" />
          </ItemGroup>
        </Project>
        """;
}
