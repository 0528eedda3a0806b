using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using PromptBudget.Analyzers.Configuration;
using Xunit;

namespace PromptBudget.Analyzers.Tests;

/// <summary>
/// The README's settings and diagnostics tables are generated from the setting definitions, the rule
/// ids, the descriptors and the rule pages, and this test fails when they drift (as Meziantou.Analyzer's
/// documentation check does). To regenerate: <c>PROMPTBUDGET_WRITE_DOCS=1 dotnet test tests/PromptBudget.Analyzers.Tests --filter GeneratedDocumentation</c>.
/// </summary>
public class GeneratedDocumentationTests
{
    private static readonly string Root = typeof(GeneratedDocumentationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    [Fact]
    public void The_README_settings_table_is_generated_from_the_setting_definitions() => Check("settings", SettingsTable());

    [Fact]
    public void The_README_diagnostics_table_is_generated_from_the_rules() => Check("rules", RulesTable());

    [Fact]
    public void The_configuration_page_settings_table_is_generated_from_the_setting_definitions() =>
        Check(Path.Combine("docs", "configuration.md"), "settings", DetailedSettingsTable());

    /// <summary>
    /// The MSBuild properties and items the package's props and targets read are all documented in
    /// docs/configuration.md (or, for prompt files, docs/prompt-files.md), so a new switch cannot ship unexplained.
    /// </summary>
    [Fact]
    public void Every_property_and_item_the_package_reads_is_documented()
    {
        var build = File.ReadAllText(Path.Combine(Root, "build", "PromptBudget.props")) + File.ReadAllText(Path.Combine(Root, "build", "PromptBudget.targets"));
        var docs = File.ReadAllText(Path.Combine(Root, "docs", "configuration.md")) + File.ReadAllText(Path.Combine(Root, "docs", "prompt-files.md"));
        var names = Regex.Matches(build, @"[$@]\((PromptBudget\w+)").Cast<Match>().Select(m => m.Groups[1].Value).Distinct()
            .Where(name => !PackageInternal.Contains(name)).ToList();
        Assert.Contains("PromptBudgetFailOn", names);
        var undocumented = names.Where(name => !Regex.IsMatch(docs, @"\b" + name + @"\b")).ToList();
        Assert.True(undocumented.Count == 0, "Not in docs/configuration.md: " + string.Join(", ", undocumented));
    }

    // Set by the package for itself, or retired with a warning of their own.
    private static readonly HashSet<string> PackageInternal = new(StringComparer.Ordinal)
    {
        "PromptBudgetTasksAssembly", "PromptBudgetIntermediateDirectory", "PromptBudgetTaskHost", "PromptBudgetReportEnabled",
    };

    private static string DetailedSettingsTable()
    {
        var b = new StringBuilder("| .editorconfig key | MSBuild property | Default | Format and meaning |\n| --- | --- | --- | --- |\n");
        foreach (var key in SettingKeys.All)
        {
            var meaning = Regex.Replace(key.Meaning, @"\bPB\d{4}\b", m => $"[{m.Value}](rules/{m.Value}.md)");
            var text = key.Format is null ? meaning : key.Format + ". " + meaning;
            b.Append($"| `{key.EditorConfigKey}` | `{key.BuildProperty}` | {key.DefaultText} | {text} |\n");
        }

        return b.ToString().TrimEnd('\n');
    }

    [Fact]
    public void Every_descriptor_has_the_default_severity_its_page_says()
    {
        foreach (var descriptor in Descriptors().Where(d => d.Id != RuleIdentifiers.PayloadCarrier))
        {
            Assert.Equal(Severity(descriptor.DefaultSeverity), PageSeverity(descriptor.Id));
        }
    }

    private static string SettingsTable()
    {
        var b = new StringBuilder("| .editorconfig key | MSBuild property | Default | Meaning |\n| --- | --- | --- | --- |\n");
        foreach (var key in SettingKeys.All)
        {
            b.Append($"| `{key.EditorConfigKey}` | `{key.BuildProperty}` | {key.DefaultText} | {key.Meaning} |\n");
        }

        return b.ToString().TrimEnd('\n');
    }

    private static string RulesTable()
    {
        var ids = typeof(RuleIdentifiers).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).OrderBy(id => id, StringComparer.Ordinal);
        var b = new StringBuilder("| Id | Default | Meaning |\n| --- | --- | --- |\n");
        foreach (var id in ids)
        {
            var severity = id == RuleIdentifiers.PayloadCarrier ? "—" : PageSeverity(id);
            b.Append($"| [{id}](docs/rules/{id}.md) | {severity} | {PageTitle(id)} |\n");
        }

        return b.ToString().TrimEnd('\n');
    }

    private static void Check(string section, string generated) => Check("README.md", section, generated);

    private static void Check(string file, string section, string generated)
    {
        var path = Path.Combine(Root, file);
        var text = File.ReadAllText(path);
        var pattern = new Regex($"(<!-- generated: {section} [^\\n]*-->\\n)(.*?)(\\n<!-- end generated: {section} -->)", RegexOptions.Singleline);
        var match = pattern.Match(text);
        Assert.True(match.Success, $"{file} has no generated '{section}' section");
        if (Environment.GetEnvironmentVariable("PROMPTBUDGET_WRITE_DOCS") == "1")
        {
            File.WriteAllText(path, text.Substring(0, match.Groups[2].Index) + generated + text.Substring(match.Groups[2].Index + match.Groups[2].Length));
            return;
        }

        Assert.True(
            match.Groups[2].Value == generated,
            $"The '{section}' table of {file} is out of date. Run: PROMPTBUDGET_WRITE_DOCS=1 dotnet test tests/PromptBudget.Analyzers.Tests --filter GeneratedDocumentation\nExpected:\n{generated}");
    }

    private static string Page(string id) => File.ReadAllText(Path.Combine(Root, "docs", "rules", id + ".md"));

    private static string PageTitle(string id) => Page(id).Split('\n')[0].Substring(("# " + id + ": ").Length).Trim();

    private static string PageSeverity(string id)
    {
        var match = Regex.Match(Page(id), @"\| Default severity \| (\w+)");
        Assert.True(match.Success, $"docs/rules/{id}.md has no 'Default severity' row");
        return match.Groups[1].Value.ToLowerInvariant();
    }

    private static string Severity(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "info",
        _ => "hidden",
    };

    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        typeof(PromptCallSiteAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics);
}
