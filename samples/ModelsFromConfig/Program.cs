using System;
using System.Linq;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.SemanticKernel;
using ModelsFromConfig;
using OpenAI;

var builder = Host.CreateApplicationBuilder(args);
var apiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? "not-set";

// IChatClient for the support answers: the model is the configuration key AI:ChatModel.
builder.Services.AddChatClient(new OpenAIClient(apiKey).GetChatClient(builder.Configuration["AI:ChatModel"]).AsIChatClient());

// Semantic Kernel in the container, its chat service from AI:SummaryModel.
builder.Services.AddKernel().AddOpenAIChatCompletion(builder.Configuration.GetSection("AI")["SummaryModel"]!, apiKey);

// Options bound to the section "Triage": the model (Triage:Chat:Model) and max output (Triage:MaxTokens) of the triage.
builder.Services.Configure<TriageOptions>(builder.Configuration.GetSection("Triage"));
builder.Services.AddSingleton(new ApiKey(apiKey));
builder.Services.AddSingleton<Triage>();

builder.Services.AddSingleton<SupportAnswers>();
builder.Services.AddSingleton<Summaries>();
builder.Services.AddSingleton<Translator>();

using var host = builder.Build();
if (args.Contains("--run"))
{
    var answers = host.Services.GetRequiredService<SupportAnswers>();
    Console.WriteLine(await answers.AnswerAsync("Where is my order?"));
}
