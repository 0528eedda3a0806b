using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;
using Xunit;

namespace PromptBudget.Analyzers.Tests.Evaluation;

/// <summary>
/// The method-body index answers what the per-call walks used to: a call's position among the
/// member's calls of the same name, and the uses of a local before a call, in the order written.
/// </summary>
public class MethodBodyIndexTests
{
    private const string Source = """
        class Log
        {
            public void Add(string s) { }
            public int Send(string s) => 0;
            public Log Next() => this;
        }

        class C
        {
            void M(Log other)
            {
                var log = new Log();
                log.Add("a");
                other.Add("x");
                log.Add("b");
                log.Send("1");
                log.Send("2");
                log.Send("3");
                log.Add("c");
                log.Send("4");
                log.Send("5");
                log.Next().Next();
            }
        }
        """;

    [Fact]
    public void The_third_of_five_calls_has_ordinal_2()
    {
        var sends = Invocations().Where(i => i.TargetMethod.Name == "Send").ToList();
        Assert.Equal(5, sends.Count);

        var ordinals = sends.Select(s => new MethodBodyIndex(ValueTracker.Root(s)).InvocationsBefore("Send", s.Syntax.SpanStart)).ToArray();

        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, ordinals);
    }

    [Fact]
    public void A_chained_call_does_not_count_the_call_it_is_chained_on()
    {
        // log.Next().Next(): both start at `log`, so neither is before the other.
        var nexts = Invocations().Where(i => i.TargetMethod.Name == "Next").ToList();

        Assert.Equal(new[] { 0, 0 }, nexts.Select(n => new MethodBodyIndex(ValueTracker.Root(n)).InvocationsBefore("Next", n.Syntax.SpanStart)).ToArray());
    }

    [Fact]
    public void Uses_before_a_call_are_the_earlier_calls_on_the_same_local_in_written_order()
    {
        var compilation = Compilation();
        var third = Invocations(compilation).Where(i => i.TargetMethod.Name == "Send").ElementAt(2);

        var uses = new ValueTracker(compilation).UsesBefore(third.Instance!, third).Cast<IInvocationOperation>()
            .Select(u => u.TargetMethod.Name + " " + u.Arguments[0].Value.ConstantValue.Value).ToArray();

        // Not other.Add("x") (another variable), not log.Add("c") (after the call).
        Assert.Equal(new[] { "Add a", "Add b", "Send 1", "Send 2" }, uses);
    }

    private static CSharpCompilation Compilation() => CSharpCompilation.Create(
        "Index",
        new[] { CSharpSyntaxTree.ParseText(Source) },
        new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    private static IInvocationOperation[] Invocations(CSharpCompilation? compilation = null)
    {
        compilation ??= Compilation();
        var tree = compilation.SyntaxTrees[0];
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "M");
        var body = compilation.GetSemanticModel(tree).GetOperation(method)!;
        return body.Descendants().OfType<IInvocationOperation>().OrderBy(i => i.Syntax.SpanStart).ToArray();
    }
}
