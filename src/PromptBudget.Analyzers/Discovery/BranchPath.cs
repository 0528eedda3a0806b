using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PromptBudget.Analyzers.Discovery;

/// <summary>
/// Which mutually exclusive branches of its member a call sits in (<see cref="Core.Reporting.CallSiteRecord.Branch"/>):
/// <c>if</c>/<c>else</c>, the sections of a <c>switch</c> statement, the arms of a <c>switch</c> expression and the
/// two sides of <c>?:</c>. Each branch is named by its kind and its position among the branches of that kind in
/// the member (<c>if#0</c>, <c>switch#1</c>, <c>cond#0</c>), so the path survives lines moving; the arm is a 0-based
/// index (<c>if</c>: 0 then, 1 else). A branch inside a loop is left out: different iterations can take different
/// arms. A call inside a lambda or a local function has no path: when and how often it runs is not the member's.
/// <c>goto case</c> and an early <c>return</c> are not followed: the first can run two sections (rare, and left
/// out), the second only makes calls exclusive that are summed here (a total too high, never too low).
/// </summary>
internal static class BranchPath
{
    public static string? Of(SyntaxNode call)
    {
        var steps = new List<(SyntaxNode Branch, string Kind, int Arm)>();
        SyntaxNode child = call;
        for (var node = call.Parent; node is not null; child = node, node = node.Parent)
        {
            switch (node)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    return null;
                case ForStatementSyntax or ForEachStatementSyntax or ForEachVariableStatementSyntax or WhileStatementSyntax or DoStatementSyntax:
                    // Branches below a loop can take every arm over the iterations.
                    steps.Clear();
                    continue;
                case GlobalStatementSyntax:
                    // Top-level statements are one member: positions count over the whole file.
                    return Format(steps, node.Parent ?? node);
                case MemberDeclarationSyntax or AccessorDeclarationSyntax:
                    return Format(steps, node);
                case IfStatementSyntax ifStatement when child == ifStatement.Statement:
                    steps.Add((node, "if", 0));
                    continue;
                case ElseClauseSyntax when node.Parent is IfStatementSyntax owner:
                    steps.Add((owner, "if", 1));
                    child = owner;
                    node = owner;
                    continue;
                case SwitchStatementSyntax switchStatement when child is SwitchSectionSyntax section:
                    steps.Add((node, "switch", switchStatement.Sections.IndexOf(section)));
                    continue;
                case SwitchExpressionSyntax switchExpression when child is SwitchExpressionArmSyntax arm && arm.Expression.Span.Contains(call.Span):
                    steps.Add((node, "switch", switchExpression.Arms.IndexOf(arm)));
                    continue;
                case ConditionalExpressionSyntax conditional when child == conditional.WhenTrue || child == conditional.WhenFalse:
                    steps.Add((node, "cond", child == conditional.WhenTrue ? 0 : 1));
                    continue;
            }
        }

        return null;
    }

    private static string? Format(List<(SyntaxNode Branch, string Kind, int Arm)> steps, SyntaxNode member)
    {
        if (steps.Count == 0)
        {
            return null;
        }

        var parts = new List<string>(steps.Count);
        for (var i = steps.Count - 1; i >= 0; i--)
        {
            var (branch, kind, arm) = steps[i];
            parts.Add(kind + "#" + Position(member, branch, kind).ToString(CultureInfo.InvariantCulture) + ":" + arm.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join("/", parts);
    }

    // The branch's position among the member's branches of the same kind, in source order.
    private static int Position(SyntaxNode member, SyntaxNode branch, string kind) =>
        member.DescendantNodes().Count(n => n.SpanStart < branch.SpanStart && KindOf(n) == kind);

    private static string? KindOf(SyntaxNode node) => node switch
    {
        IfStatementSyntax => "if",
        SwitchStatementSyntax or SwitchExpressionSyntax => "switch",
        ConditionalExpressionSyntax => "cond",
        _ => null,
    };
}
