using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// Which of several registrations made in order may be the last one made (the one Semantic Kernel uses when no
/// service id selects): a later registration hides an earlier one only when it runs whenever the earlier one runs —
/// every branch it sits in (<c>if</c>/<c>else</c>, a <c>switch</c> section or arm, <c>?:</c>, <c>&amp;&amp;</c>/<c>||</c>,
/// <c>?.</c>, a loop or a <c>catch</c>, a lambda), through the helper calls that led to it, holds the earlier one too.
/// A method on the way with a <c>return</c> nested in a statement (an early exit) hides nothing and is hidden by nothing.
/// Errs towards more candidates: the caller takes the most expensive, never a cheaper one than may run.
/// </summary>
internal static class RegistrationBranches
{
    public static List<ChatServiceRegistration> PossiblyLast(List<ChatServiceRegistration> ordered)
    {
        var facts = ordered.Select(r => (Registration: r, Branches: Branches(r.Through), EarlyExit: r.Through.Any(HasEarlyExit))).ToList();
        var lasts = new List<ChatServiceRegistration>();
        for (var i = 0; i < facts.Count; i++)
        {
            var earlier = facts[i];
            var hidden = false;
            for (var j = i + 1; j < facts.Count && !hidden; j++)
            {
                var later = facts[j];
                hidden = !earlier.EarlyExit && !later.EarlyExit && later.Branches.IsSubsetOf(earlier.Branches);
            }

            if (!hidden)
            {
                lasts.Add(earlier.Registration);
            }
        }

        return lasts.Count == 0 ? ordered.Skip(ordered.Count - 1).ToList() : lasts;
    }

    // Each branch (the branching node and the arm taken) a chain of calls sits in, up to each call's member.
    private static HashSet<(SyntaxNode Branch, int Arm)> Branches(IEnumerable<SyntaxNode> calls)
    {
        var branches = new HashSet<(SyntaxNode, int)>();
        foreach (var call in calls)
        {
            SyntaxNode child = call;
            for (var node = call.Parent; node is not null and not MemberDeclarationSyntax and not CompilationUnitSyntax; child = node, node = node.Parent)
            {
                int? arm = node switch
                {
                    IfStatementSyntax ifStatement when child == ifStatement.Statement => 0,
                    ElseClauseSyntax => 1,
                    SwitchSectionSyntax section when section.Parent is SwitchStatementSyntax owner => owner.Sections.IndexOf(section),
                    SwitchExpressionArmSyntax expressionArm when expressionArm.Parent is SwitchExpressionSyntax owner => owner.Arms.IndexOf(expressionArm),
                    ConditionalExpressionSyntax conditional when child == conditional.WhenTrue => 0,
                    ConditionalExpressionSyntax conditional when child == conditional.WhenFalse => 1,
                    BinaryExpressionSyntax binary when child == binary.Right && binary.Kind() is Microsoft.CodeAnalysis.CSharp.SyntaxKind.LogicalAndExpression
                        or Microsoft.CodeAnalysis.CSharp.SyntaxKind.LogicalOrExpression or Microsoft.CodeAnalysis.CSharp.SyntaxKind.CoalesceExpression => 0,
                    ConditionalAccessExpressionSyntax access when child == access.WhenNotNull => 0,
                    ForStatementSyntax or ForEachStatementSyntax or ForEachVariableStatementSyntax or WhileStatementSyntax or DoStatementSyntax => 0,
                    CatchClauseSyntax or FinallyClauseSyntax => 0,
                    AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax => 0,
                    _ => null,
                };
                if (arm is { } taken)
                {
                    branches.Add((node, taken));
                }
            }
        }

        return branches;
    }

    // A `return` (or `yield break`, `goto`) inside a nested statement of the member (or local function, lambda) that holds the call.
    private static bool HasEarlyExit(SyntaxNode call)
    {
        var body = call.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax
            or AnonymousFunctionExpressionSyntax or GlobalStatementSyntax or CompilationUnitSyntax);
        if (body is null)
        {
            return true;
        }

        var scope = body is GlobalStatementSyntax ? body.Parent ?? body : body;
        return scope.DescendantNodes(n => n == scope || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .Any(n => n is ReturnStatementSyntax or YieldStatementSyntax or GotoStatementSyntax
                && !(n.Parent is GlobalStatementSyntax || n.Parent is BlockSyntax { Parent: { } owner } && owner == body));
    }
}
