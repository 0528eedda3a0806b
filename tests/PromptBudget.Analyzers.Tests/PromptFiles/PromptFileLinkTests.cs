using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using PromptBudget.Tests.Shared;
using Xunit;
using static PromptBudget.Analyzers.Tests.PromptFiles.PromptFileRun;

namespace PromptBudget.Analyzers.Tests.PromptFiles;

/// <summary>
/// The C# calls that load prompt files (Semantic Kernel's loaders, File.ReadAllText, embedded resources) are
/// linked to the files: the file stays the one call site, and takes the kernel's model when its settings name
/// none. A loader whose file cannot be found is PB1011. Expected counts are js-tiktoken's (the Core fixture).
/// </summary>
public class PromptFileLinkTests
{
    // Microsoft.SemanticKernel.Yaml and .Prompty are not referenced by the tests: their loaders, declared as they are.
    private const string Loaders = """
        namespace Microsoft.SemanticKernel
        {
            public static class PromptYamlKernelExtensions
            {
                public static KernelFunction CreateFunctionFromPromptYaml(this Kernel kernel, string text, IPromptTemplateFactory? promptTemplateFactory = null) => null!;
                public static KernelPlugin CreatePluginFromPromptDirectoryYaml(this Kernel kernel, string pluginDirectory, string? pluginName = null, IPromptTemplateFactory? promptTemplateFactory = null) => null!;
            }

            public static class KernelFunctionYaml
            {
                public static KernelFunction FromPromptYaml(string text, IPromptTemplateFactory? promptTemplateFactory = null) => null!;
            }

            public static class PromptyKernelExtensions
            {
                public static KernelFunction CreateFunctionFromPromptyFile(this Kernel kernel, string promptyFilePath, IPromptTemplateFactory? promptTemplateFactory = null) => null!;
            }
        }

        // Semantic Kernel's samples read their YAML templates with this helper.
        internal static class EmbeddedResource
        {
            public static string Read(string fileName)
            {
                using var stream = typeof(EmbeddedResource).Assembly.GetManifestResourceStream("Run.Resources." + fileName)!;
                using var reader = new System.IO.StreamReader(stream);
                return reader.ReadToEnd();
            }
        }

        """;

    private const string Usings = "#nullable enable\nusing System;\nusing System.IO;\nusing System.Threading.Tasks;\nusing Microsoft.SemanticKernel;\n";

    private static readonly Dictionary<string, string> Embedded = new() { ["PromptBudgetEmbeddedResource"] = "true" };

    [Fact]
    public async Task AYamlTemplateReadFromAnEmbeddedResourceTakesTheKernelsModelAndIsReportedOnceInTheFile()
    {
        const string story = ProjectDirectory + "/Resources/GenerateStory.yaml";
        const string notes = ProjectDirectory + "/Resources/notes.txt";
        var (diagnostics, records) = await RunAsync(
            new[] { (story, SemanticKernelYamlSamples.GenerateStory), (notes, "Release notes, not a prompt.") },
            fileMetadata: new Dictionary<string, IDictionary<string, string>> { [story] = Embedded, [notes] = Embedded },
            source: Usings + Loaders + """
                public static class Stories
                {
                    public static async Task TellAsync(string key)
                    {
                        var kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", key).Build();
                        var function = kernel.CreateFunctionFromPromptYaml(EmbeddedResource.Read("GenerateStory.yaml"));
                        await kernel.InvokeAsync(function, new() { ["topic"] = "Dog", ["length"] = "3" });
                    }
                }
                """);

        var record = Assert.Single(records); // notes.txt is an embedded resource no code loads as a prompt
        Assert.Equal("SemanticKernel.PromptYaml", record.Sdk);
        Assert.Equal("GenerateStory", record.Member);
        Assert.Equal("semantic-kernel", record.TemplateFormat);
        Assert.Equal("Resources/GenerateStory.yaml", record.File);
        Assert.Equal(3, record.Line);
        Assert.Equal("gpt-4o-mini", record.Model);
        Assert.Equal("code", record.ModelSource);
        Assert.StartsWith("the kernel at Code.cs:", record.ModelSourceDetail);
        Assert.Contains("resource name 'GenerateStory.yaml' (matched by file name)", record.LoadedBy);
        Assert.Equal(OpenAIInput(O200k("prompt-file-sk-yaml-story-static", SemanticKernelYamlSamples.GenerateStoryStatic)), record.InputTokens);
        Assert.Equal(new[] { "topic", "length" }, record.Segments.Select(s => s.Name));
        Assert.DoesNotContain(diagnostics, d => d.Id is "PB1011" or "PB1009" or "PB2005");
    }

    [Fact]
    public async Task AResourceStreamReadByAStreamReaderResolvesByItsManifestNameAndTheFilesModelWins()
    {
        const string contoso = ProjectDirectory + "/Resources/Contoso.yaml";
        var (diagnostics, records) = await RunAsync(
            new[] { (contoso, SemanticKernelYamlSamples.ContosoChat) },
            fileMetadata: new Dictionary<string, IDictionary<string, string>> { [contoso] = Embedded },
            source: Usings + Loaders + """
                public static class Chat
                {
                    public static KernelFunction Load(string key)
                    {
                        var kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", key).Build();
                        using var stream = typeof(Chat).Assembly.GetManifestResourceStream("Run.Resources.Contoso.yaml")!;
                        using var reader = new StreamReader(stream);
                        var yaml = reader.ReadToEnd();
                        return kernel.CreateFunctionFromPromptYaml(yaml);
                    }
                }
                """);

        var record = Assert.Single(records);
        Assert.Equal("ContosoChatPrompt", record.Member);
        Assert.Equal("handlebars", record.TemplateFormat);
        Assert.Equal("gpt-4o", record.Model); // execution_settings.default.model_id, before the kernel's gpt-4o-mini
        Assert.Equal(800, record.MaxOutputTokens);
        Assert.Contains("resource name 'Run.Resources.Contoso.yaml'", record.LoadedBy);
        Assert.Equal(
            OpenAIInput(
                O200k("prompt-file-sk-yaml-contoso-system-static", SemanticKernelYamlSamples.ContosoChatSystemStatic),
                O200k("prompt-file-sk-yaml-contoso-outside-static", "\n\n")),
            record.InputTokens);
        Assert.Equal(new[] { "customer.firstName", "customer.membership", "loop over history" }, record.Segments.Select(s => s.Name));
        Assert.DoesNotContain(diagnostics, d => d.Id is "PB1011" or "PB2005");
    }

    [Fact]
    public async Task APromptDirectoryPluginInvokedOnAnotherKernelTakesTheInvokingKernelsModel()
    {
        var (diagnostics, records) = await RunAsync(
            new[]
            {
                (ProjectDirectory + "/Prompts/WriterPlugin/Slogan/skprompt.txt", PromptFileTests.SloganPrompt),
                (ProjectDirectory + "/Prompts/WriterPlugin/Slogan/config.json", "{ \"execution_settings\": { \"default\": { \"max_tokens\": 60 } } }"),
                (ProjectDirectory + "/Prompts/WriterPlugin/Tagline/skprompt.txt", "Write a tagline for {{$input}}."),
            },
            buildProperties: new Dictionary<string, string> { ["ProjectDir"] = ProjectDirectory + "/" },
            source: Usings + Loaders + """
                public static class Writer
                {
                    public static async Task WriteAsync(string key)
                    {
                        var builder = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", key).Build();
                        var plugin = builder.CreatePluginFromPromptDirectory(Path.Combine(AppContext.BaseDirectory, "Prompts", "WriterPlugin"));
                        var runner = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o", key).Build();
                        await runner.InvokeAsync(plugin["Slogan"]);
                    }
                }
                """);

        Assert.Equal(2, records.Count);
        var slogan = Assert.Single(records, r => r.Member == "WriterPlugin.Slogan");
        Assert.Equal("gpt-4o", slogan.Model);
        Assert.Contains("also run with gpt-4o-mini", slogan.ModelSourceDetail);
        Assert.Equal(60, slogan.MaxOutputTokens);
        Assert.Contains("path ending 'Prompts/WriterPlugin' (the folder before it is known only at run time)", slogan.LoadedBy);
        Assert.Contains("function 'Slogan'", slogan.LoadedBy);
        Assert.Equal(OpenAIInput(O200k("prompt-file-sk-slogan-static", PromptFileTests.SloganStatic)), slogan.InputTokens);

        var tagline = Assert.Single(records, r => r.Member == "WriterPlugin.Tagline");
        Assert.Equal("gpt-4o-mini", tagline.Model); // only loaded, on the first kernel
        Assert.Equal("semantic-kernel", tagline.TemplateFormat);
        Assert.DoesNotContain(diagnostics, d => d.Id is "PB1011" or "PB1009");
    }

    [Fact]
    public async Task APromptyFileLoadedByPathKeepsItsOwnDeploymentAndIsOneRecord()
    {
        var (_, records) = await RunAsync(
            new[] { (ProjectDirectory + "/Agents/support.prompty", PromptFileTests.SupportPrompty) },
            buildProperties: new Dictionary<string, string> { ["ProjectDir"] = ProjectDirectory + "/", ["PromptBudgetDeploymentModels"] = "chat-prod=gpt-4o" },
            source: Usings + Loaders + """
                public static class Support
                {
                    private const string Folder = "Agents";

                    public static KernelFunction Load(string key) =>
                        Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4.1-nano", key).Build().CreateFunctionFromPromptyFile(Folder + "/support.prompty");
                }
                """);

        var record = Assert.Single(records);
        Assert.Equal("gpt-4o", record.Model);
        Assert.Equal("deployment", record.ModelSource);
        Assert.Equal("jinja2", record.TemplateFormat);
        Assert.Contains("(path 'Agents/support.prompty')", record.LoadedBy);
    }

    [Fact]
    public async Task AFunctionFromFromPromptYamlTakesTheModelOfTheKernelThatInvokesIt()
    {
        const string path = ProjectDirectory + "/Prompts/story.yaml";
        var (_, records) = await RunAsync(
            new[] { (path, SemanticKernelYamlSamples.GenerateStoryHandlebars) },
            buildProperties: new Dictionary<string, string> { ["ProjectDir"] = ProjectDirectory + "/" },
            markedPromptFiles: new[] { path },
            source: Usings + Loaders + """
                public static class Stories
                {
                    public static async Task TellAsync(string key)
                    {
                        var function = KernelFunctionYaml.FromPromptYaml(File.ReadAllText("Prompts/story.yaml"));
                        var kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4.1-mini", key).Build();
                        await function.InvokeAsync(kernel);
                    }
                }
                """);

        var record = Assert.Single(records);
        Assert.Equal("SemanticKernel.PromptYaml", record.Sdk);
        Assert.Equal("gpt-4.1-mini", record.Model);
        Assert.Equal("handlebars", record.TemplateFormat);
        Assert.Equal(OpenAIInput(O200k("prompt-file-sk-yaml-story-handlebars-static", SemanticKernelYamlSamples.GenerateStoryHandlebarsStatic)), record.InputTokens);
        Assert.Contains("invoked: path 'Prompts/story.yaml'", record.LoadedBy);
    }

    [Fact]
    public async Task ALoaderWhoseFileCannotBeFoundIsPB1011AndInlineYamlIsNot()
    {
        var (diagnostics, records) = await RunAsync(
            new[] { (ProjectDirectory + "/Prompts/other.prompty", "---\nmodel: gpt-4o\n---\nuser:\nHi\n") },
            source: Usings + Loaders + """
                public static class Loads
                {
                    public static void Load(Kernel kernel, string folder)
                    {
                        kernel.CreatePluginFromPromptDirectory(folder);
                        kernel.CreateFunctionFromPromptYaml(File.ReadAllText("Prompts/missing.yaml"));
                        kernel.CreateFunctionFromPromptYaml("name: Inline\ntemplate: Hello\n");
                    }
                }
                """);

        Assert.Single(records);
        var notFound = diagnostics.Where(d => d.Id == "PB1011").OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(2, notFound.Count);
        Assert.Equal(DiagnosticSeverity.Warning, notFound[0].Severity);
        Assert.Contains("the path 'folder' is not a value the analyzer can read", notFound[0].GetMessage());
        Assert.Contains("no prompt file at 'Prompts/missing.yaml' among the project's AdditionalFiles", notFound[1].GetMessage());
    }

    [Fact]
    public async Task WithoutPromptFilesALoaderIsStillPB1011()
    {
        var (diagnostics, records) = await RunAsync(
            new (string, string)[0],
            source: Usings + Loaders + "public static class L { public static object Load(Kernel k) => k.CreateFunctionFromPromptyFile(\"chat.prompty\"); }");

        Assert.Empty(records);
        Assert.Contains("no prompt file at 'chat.prompty'", Assert.Single(diagnostics, d => d.Id == "PB1011").GetMessage());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ABadTemplateInputsSetOnlyForPromptFilesIsPB2001NamingTheKey(bool withSdk)
    {
        var (diagnostics, records) = await RunAsync(
            new[] { (ProjectDirectory + "/Prompts/WriterPlugin/Slogan/skprompt.txt", PromptFileTests.SloganPrompt) },
            buildProperties: new Dictionary<string, string> { ["PromptBudgetDefaultModel"] = "gpt-4o" },
            folderOptions: new Dictionary<string, IDictionary<string, string>>
            {
                [ProjectDirectory + "/Prompts"] = new Dictionary<string, string> { ["prompt_budget.template_inputs"] = "defaults" },
            },
            withSdk: withSdk,
            withConfigurationAnalyzer: true);

        var invalid = Assert.Single(diagnostics, d => d.Id == "PB2001");
        Assert.Contains("'prompt_budget.template_inputs' has the invalid value 'defaults': expected default, sample or unbounded", invalid.GetMessage());

        // Never silently unbounded in another way: the holes stay unbounded and PB1007 says so.
        Assert.Equal(2, Assert.Single(records).UnboundedSegments);
    }

    [Fact]
    public async Task ExecutionSettingsGivenAtInvocationChooseThePromptFilesService()
    {
        var (_, records) = await RunAsync(
            new[] { (ProjectDirectory + "/Prompts/WriterPlugin/Slogan/skprompt.txt", PromptFileTests.SloganPrompt) },
            buildProperties: new Dictionary<string, string> { ["ProjectDir"] = ProjectDirectory + "/" },
            source: Usings + "using Microsoft.SemanticKernel.Connectors.OpenAI;\n" + Loaders + """
                public static class Writer
                {
                    public static async Task WriteAsync(string key)
                    {
                        var kernel = Kernel.CreateBuilder()
                            .AddOpenAIChatCompletion("gpt-4o-mini", key, serviceId: "fast")
                            .AddOpenAIChatCompletion("gpt-4o", key)
                            .Build();
                        var plugin = kernel.CreatePluginFromPromptDirectory(Path.Combine(AppContext.BaseDirectory, "Prompts", "WriterPlugin"));
                        await kernel.InvokeAsync(plugin["Slogan"], new KernelArguments(new OpenAIPromptExecutionSettings { ServiceId = "fast" }));
                    }
                }
                """);

        // Loaded on the kernel (its last service, gpt-4o), invoked with the "fast" service: the invocation runs it.
        var slogan = Assert.Single(records);
        Assert.Equal("gpt-4o-mini", slogan.Model);
        Assert.Contains("also run with gpt-4o", slogan.ModelSourceDetail);
    }
}
