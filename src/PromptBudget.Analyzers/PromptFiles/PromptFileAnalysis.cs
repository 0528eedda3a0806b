using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PromptBudget.Analyzers.Diagnostics;
using PromptBudget.Analyzers.Infrastructure;
using PromptBudget.Analyzers.Payload;
using PromptBudget.Core.PromptFiles;
using PromptBudget.Core.Reporting;

namespace PromptBudget.Analyzers.PromptFiles;

/// <summary>
/// The prompt files of one compilation, each a call site of its own: estimated once (on first need),
/// its diagnostics reported in the file (an additional-file action, so the IDE shows them too) and its
/// record added to the payload at compilation end. Nothing is registered when there are no prompt files.
/// </summary>
internal sealed class PromptFileAnalysis
{
    private const string KernelType = "Microsoft.SemanticKernel.Kernel";

    private readonly List<PromptFileEntry> _entries;
    private readonly Func<CancellationToken, PromptBudgetCompilationContext> _context;
    private readonly Compilation _compilation;
    private readonly string? _projectDirectory;
    private readonly object _gate = new();
    private List<PromptFileResult>? _results;

    // Each file's definition, parsed once per compilation: the links name plugin functions by it (for every file of a
    // plugin at every InvokeAsync), and the analysis estimates it.
    private readonly Dictionary<PromptFileEntry, PromptFileDefinition?> _definitions = new();

    private PromptFileAnalysis(List<PromptFileEntry> entries, Func<CancellationToken, PromptBudgetCompilationContext> context, Compilation compilation, string? projectDirectory)
    {
        _entries = entries;
        _context = context;
        _compilation = compilation;
        _projectDirectory = projectDirectory;
    }

    /// <summary>
    /// Where relative paths in code start: the SDK's ProjectDir, else the directory the payload channel names (the channel the
    /// compilation start read once, for the payload too).
    /// </summary>
    internal static string? ProjectDirectory(AnalyzerOptions options, PayloadChannel? channel)
    {
        if (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.ProjectDir", out var dir) && !string.IsNullOrWhiteSpace(dir))
        {
            return dir.Trim();
        }

        return channel?.ProjectDirectory is { Length: > 0 } fromChannel ? fromChannel : null;
    }

    /// <summary>
    /// Registers the analysis of the compilation's prompt files; null when it has none (or PromptBudget is
    /// off). Without an SDK in the compilation (<paramref name="compilationContext"/> null) the prices and
    /// the tokenizer are loaded only here, when a prompt file needs them.
    /// </summary>
    public static PromptFileAnalysis? Start(CompilationStartAnalysisContext context, PromptBudgetCompilationContext? compilationContext, PayloadChannel? channel)
    {
        if (PromptBudgetCompilationContext.IsTurnedOff(context.Options))
        {
            return null;
        }

        var entries = PromptFileSet.Find(context.Options);
        if (entries.Count == 0)
        {
            return null;
        }

        var compilation = context.Compilation;
        var options = context.Options;
        PromptBudgetCompilationContext? created = null;
        var analysis = new PromptFileAnalysis(
            entries,
            token => compilationContext ?? LazyInitializer.EnsureInitialized(ref created, () => PromptBudgetCompilationContext.ForPromptFiles(compilation, options, token))!,
            compilation,
            ProjectDirectory(options, channel));
        context.RegisterAdditionalFileAction(analysis.ReportDiagnostics);
        return analysis;
    }

    /// <summary>The compilation's prompt files.</summary>
    public IReadOnlyList<PromptFileEntry> Entries => _entries;

    /// <summary>Where relative paths in code start.</summary>
    public string? ProjectDirectoryPath => _projectDirectory;

    public void AddRecords(CallSitePayloadWriter writer, CancellationToken cancellationToken)
    {
        foreach (var result in Results(cancellationToken))
        {
            if (result.Record is { } record)
            {
                writer.Add(result.Path, result.Position, record);
            }
        }
    }

    private void ReportDiagnostics(AdditionalFileAnalysisContext context)
    {
        var path = context.AdditionalFile.Path;
        if (!_entries.Any(e => e.Prompt.Path == path || e.Config?.Path == path))
        {
            return;
        }

        foreach (var result in Results(context.CancellationToken))
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                if (string.Equals(diagnostic.Location.GetLineSpan().Path, path, StringComparison.Ordinal))
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }
        }
    }

    private List<PromptFileResult> Results(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_results is null)
            {
                var compilationContext = _context(cancellationToken);
                var links = compilationContext.Types.Has(KernelType)
                    ? PromptFileLinks.Find(_compilation, _entries, compilationContext, _projectDirectory, e => Definition(e, cancellationToken)?.Name ?? "", cancellationToken)
                    : new Dictionary<PromptFileEntry, List<PromptFileLink>>();
                _results = new List<PromptFileResult>();
                foreach (var entry in _entries)
                {
                    links.TryGetValue(entry, out var linked);

                    // An embedded .yaml or .txt is a prompt only when code loads it as one.
                    if (!entry.OnlyWhenLoaded || linked is not null)
                    {
                        _results.Add(Analyze(entry, Definition(entry, cancellationToken), linked ?? new List<PromptFileLink>(), compilationContext, cancellationToken));
                    }
                }
            }

            return _results;
        }
    }

    // Parsed once per compilation (called under _gate); null when the prompt cannot be read. PromptFileCache shares a parse across compilations.
    private PromptFileDefinition? Definition(PromptFileEntry entry, CancellationToken cancellationToken)
    {
        if (_definitions.TryGetValue(entry, out var known))
        {
            return known;
        }

        var text = entry.Prompt.GetText(cancellationToken);
        var configText = entry.Config?.GetText(cancellationToken);
        var definition = text is null ? null : PromptFileCache.Get(entry.Kind, entry.Prompt.Path, text.ToString(), configText is null ? null : entry.Config!.Path, configText?.ToString());
        _definitions[entry] = definition;
        return definition;
    }

    private static PromptFileResult Analyze(PromptFileEntry entry, PromptFileDefinition? definition, List<PromptFileLink> links, PromptBudgetCompilationContext compilationContext, CancellationToken cancellationToken)
    {
        var path = entry.Prompt.Path;
        var diagnostics = new List<Diagnostic>();
        var text = entry.Prompt.GetText(cancellationToken);
        if (text is null || definition is null)
        {
            diagnostics.Add(Diagnostic.Create(Rules.InvalidPromptFile, At(path, 1), path, 1, "the file cannot be read; it is not counted"));
            return new PromptFileResult(path, 0, null, diagnostics);
        }

        var configText = entry.Config?.GetText(cancellationToken);
        if (entry.Config is not null && configText is null)
        {
            diagnostics.Add(Diagnostic.Create(Rules.InvalidPromptFile, At(entry.Config.Path, 1), entry.Config.Path, 1, "the file cannot be read; the prompt is counted without its settings"));
        }

        foreach (var problem in definition.Problems)
        {
            diagnostics.Add(Diagnostic.Create(Rules.InvalidPromptFile, At(problem.File, problem.Line), problem.File, problem.Line, problem.Message));
        }

        var settings = compilationContext.SettingsFor(entry.Prompt);
        var linkProblem = links.Count == 0 ? null : "nor from the kernel that loads it at " + links[0].Where + (links[0].Model.Detail is { } why ? ": " + why : "");
        var site = PromptFileCallSite.Create(definition, BodyLocation(path, text, definition.BodyOffset), settings, PromptFileLinks.ModelOf(links), linkProblem);
        var estimation = CallSiteEstimation.Create(site, settings, compilationContext.Estimator, cancellationToken);
        var record = CallSitePayloadBuilder.Build(estimation, settings, definition.Name, 0, compilationContext.Prices.Date);
        record.TemplateFormat = definition.TemplateFormat;
        record.LoadedBy = links.Count == 0 ? null : string.Join("; ", links.Select(l => l.ToString()).Distinct());
        PromptCallSiteAnalyzer.Report(diagnostics.Add, estimation, settings);
        return new PromptFileResult(path, definition.BodyOffset, record, diagnostics);
    }

    // The first line of the prompt's text: where a reader looks for the prompt in the file.
    private static Location BodyLocation(string path, SourceText text, int offset)
    {
        offset = Math.Max(0, Math.Min(offset, text.Length));
        var line = text.Lines.GetLineFromPosition(offset);
        var span = TextSpan.FromBounds(offset, Math.Max(offset, line.End));
        return Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
    }

    private static Location At(string path, int line)
    {
        var position = new LinePosition(Math.Max(0, line - 1), 0);
        return Location.Create(path, default, new LinePositionSpan(position, position));
    }

    private sealed class PromptFileResult
    {
        public PromptFileResult(string path, int position, CallSiteRecord? record, List<Diagnostic> diagnostics)
        {
            Path = path;
            Position = position;
            Record = record;
            Diagnostics = diagnostics;
        }

        public string Path { get; }

        public int Position { get; }

        public CallSiteRecord? Record { get; }

        public List<Diagnostic> Diagnostics { get; }
    }
}
