using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace PromptBudget.Analyzers.Tests;

/// <summary>Every rule id has its page in docs/rules, and every descriptor links to it.</summary>
public class RuleDocumentationTests
{
    private static readonly string RulesFolder = Path.Combine(AppContext.BaseDirectory, "rules");

    public static IEnumerable<object[]> RuleIds() =>
        typeof(RuleIdentifiers).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => new object[] { (string)f.GetRawConstantValue()! });

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void EveryRuleHasItsDocumentationPage(string id)
    {
        var path = Path.Combine(RulesFolder, id + ".md");

        Assert.True(File.Exists(path), $"docs/rules/{id}.md is missing");
        var text = File.ReadAllText(path);
        Assert.StartsWith("# " + id + ":", text);
        Assert.Contains("## How to fix", text);
    }

    [Fact]
    public void EveryDescriptorLinksToItsPageAndIsDescribed()
    {
        var analyzers = typeof(PromptCallSiteAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToList();
        var ids = RuleIds().Select(r => (string)r[0]).ToHashSet();

        Assert.NotEmpty(analyzers);
        foreach (var descriptor in analyzers.SelectMany(a => a.SupportedDiagnostics))
        {
            Assert.Contains(descriptor.Id, ids);
            Assert.Equal(HelpLinks.ForRule(descriptor.Id), descriptor.HelpLinkUri);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()));
            Assert.StartsWith("PromptBudget.", descriptor.Category);
        }
    }
}
