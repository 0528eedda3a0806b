using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Configuration;
using PromptBudget.Analyzers.Discovery;
using PromptBudget.Analyzers.Discovery.Recognizers;
using PromptBudget.Analyzers.Evaluation;
using PromptBudget.Core.Estimation;
using PromptBudget.Core.Pricing;

namespace PromptBudget.Analyzers.Infrastructure;

/// <summary>
/// What one compilation shares across its call sites: the SDK recognizers that apply, the value
/// tracker, the price table (embedded + users' files) and each file's settings, parsed once.
/// </summary>
internal sealed class PromptBudgetCompilationContext
{
    private readonly ConcurrentDictionary<SyntaxTree, PromptBudgetSettings> _settings = new();
    private readonly ConcurrentDictionary<string, PromptBudgetSettings> _fileSettings = new(StringComparer.Ordinal);
    private readonly AnalyzerOptions _options;

    private PromptBudgetCompilationContext(Compilation compilation, AnalyzerOptions options, SdkTypes types, ImmutableArray<IPromptRecognizer> recognizers, CancellationToken cancellationToken)
    {
        _options = options;

        // The compilation uses an LLM SDK: o200k (OpenAI's current models, and the base of the Gemini and generic
        // estimates) will be needed. Loading it (~0.3 s) while the compiler binds hides that wait. The Claude vocabulary
        // is not preloaded: only a compilation that calls a Claude model loads it, at its first count.
        // Through TokenizerAvailability: a host that cannot load the tokenizer is reported once (PB2004), never thrown here.
        Core.Tokenization.TokenizerAvailability.Preload(Core.Tokenization.TokenEncoding.O200kBase);
        Types = types;
        Recognizers = recognizers;
        Tracker = new ValueTracker(compilation);
        Strings = new StringValueEvaluator(Tracker);
        Services = new ServiceRegistrationIndex(compilation);
        var priceFiles = ReadPriceFiles(options, PriceFileProblems, cancellationToken);
        Prices = PriceTableCache.Get(priceFiles);
        Estimator = new CostEstimator(Prices);
        Choice = new ModelChoice(Prices);
        // A UserSecretsId (visible through the package's CompilerVisibleProperty) is said in PB1009: user secrets are never read.
        options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.UserSecretsId", out var userSecretsId);
        ConfiguredModels = new ConfiguredModelReader(new AppSettingsFiles(options.AdditionalFiles), Choice, !string.IsNullOrWhiteSpace(userSecretsId));
        Calls = new CompilationCallIndex(compilation, types);
    }

    private int _tokenizerFailureReported;

    public SdkTypes Types { get; }

    /// <summary>True the first time it is asked in this compilation: PB2004 is reported once per compilation.</summary>
    public bool ClaimTokenizerFailureReport() => System.Threading.Interlocked.Exchange(ref _tokenizerFailureReported, 1) == 0;

    public ImmutableArray<IPromptRecognizer> Recognizers { get; }

    public ValueTracker Tracker { get; }

    public StringValueEvaluator Strings { get; }

    /// <summary>Dependency-injection registrations of chat clients and services, indexed on first need.</summary>
    public ServiceRegistrationIndex Services { get; }

    public PriceTable Prices { get; }

    /// <summary>Price files that were configured but could not be read (the embedded prices are used).</summary>
    public List<string> PriceFileProblems { get; } = new();

    public CostEstimator Estimator { get; }

    /// <summary>Calls of the compilation's helpers and prompt functions, indexed on first need.</summary>
    public CompilationCallIndex Calls { get; }

    public ModelChoice Choice { get; }

    /// <summary>Models given by configuration keys, resolved in the project's appsettings files.</summary>
    public ConfiguredModelReader ConfiguredModels { get; }

    /// <summary>Null when the compilation references none of the supported SDKs: nothing to do, nothing loaded.</summary>
    public static PromptBudgetCompilationContext? TryCreate(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        if (IsTurnedOff(options))
        {
            return null;
        }

        var types = new SdkTypes(compilation);
        var recognizers = RecognizerCatalog.All.Where(r => r.IsEnabled(types)).ToImmutableArray();
        return recognizers.IsEmpty ? null : new PromptBudgetCompilationContext(compilation, options, types, recognizers, cancellationToken);
    }

    /// <summary>
    /// A context for a compilation that references no LLM SDK but has prompt files (a .prompty or a prompt
    /// directory is a call site of its own): no recognizer, the same prices and estimator.
    /// </summary>
    public static PromptBudgetCompilationContext ForPromptFiles(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken) =>
        new(compilation, options, new SdkTypes(compilation), ImmutableArray<IPromptRecognizer>.Empty, cancellationToken);

    /// <summary>PromptBudgetEnabled=false: the analyzers do nothing (the targets normally remove them too).</summary>
    public static bool IsTurnedOff(AnalyzerOptions options) =>
        options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.PromptBudgetEnabled", out var enabled)
        && string.Equals(enabled?.Trim(), "false", StringComparison.OrdinalIgnoreCase);

    public PromptBudgetSettings SettingsFor(SyntaxTree tree) =>
        _settings.GetOrAdd(tree, t => SettingsReader.Read(_options.AnalyzerConfigOptionsProvider.GetOptions(t), _options.AnalyzerConfigOptionsProvider.GlobalOptions));

    /// <summary>The settings of a prompt file given as an AdditionalFiles item (its folder's .editorconfig over the project's properties).</summary>
    public PromptBudgetSettings SettingsFor(AdditionalText file) =>
        _fileSettings.GetOrAdd(file.Path, _ => SettingsReader.Read(_options.AnalyzerConfigOptionsProvider.GetOptions(file), _options.AnalyzerConfigOptionsProvider.GlobalOptions));

    /// <summary>Every settings error seen so far (code files and prompt files), once per key and value.</summary>
    public IEnumerable<SettingError> SettingErrors() =>
        _settings.Values.Concat(_fileSettings.Values).SelectMany(s => s.Errors).GroupBy(e => (e.Key, e.Value)).Select(g => g.First());

    /// <summary>What recognizers (and the prompt-file loaders) may ask while reading code.</summary>
    public RecognitionContext RecognitionContext(CancellationToken cancellationToken) =>
        new(Types, Tracker, Strings, Services, ConfiguredModels, Calls, Choice, cancellationToken);

    public PromptCallSite? Recognize(IInvocationOperation invocation, CancellationToken cancellationToken)
    {
        var context = RecognitionContext(cancellationToken);
        foreach (var recognizer in Recognizers)
        {
            if (recognizer.TryRecognize(invocation, context) is { } site)
            {
                return site;
            }
        }

        return null;
    }

    private static List<(string Path, string Text)> ReadPriceFiles(AnalyzerOptions options, List<string> problems, CancellationToken cancellationToken)
    {
        options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(SettingKeys.PriceFileProperty, out var configured);
        var files = new List<(string, string)>();
        var configuredFound = false;
        foreach (var file in options.AdditionalFiles)
        {
            if (!PriceFileSelection.IsPriceFile(file.Path, configured))
            {
                continue;
            }

            configuredFound |= PriceFileSelection.IsConfigured(file.Path, configured);
            var text = file.GetText(cancellationToken);
            if (text is null)
            {
                problems.Add($"{file.Path}: the file cannot be read; the embedded prices are used");
                continue;
            }

            files.Add((file.Path, text.ToString()));
        }

        if (!string.IsNullOrWhiteSpace(configured) && !configuredFound)
        {
            problems.Add($"{configured!.Trim()} (PromptBudgetPriceFile): the file does not exist or is not an AdditionalFiles item; the embedded prices are used");
        }

        return files;
    }
}
