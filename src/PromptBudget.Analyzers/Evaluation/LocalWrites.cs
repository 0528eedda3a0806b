using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace PromptBudget.Analyzers.Evaluation;

/// <summary>
/// Collects every write to every local of one method body, fed the body's operations one by one.
/// A write we cannot read (compound assignment, ref/out argument, deconstruction) is stored as
/// marker operations so the local counts as having more than one definition.
/// </summary>
internal sealed class LocalWrites
{
    private readonly Dictionary<ISymbol, List<IOperation>> _writes = new(SymbolEqualityComparer.Default);

    public void Record(IOperation op)
    {
        switch (op)
        {
            case IVariableDeclaratorOperation { Initializer: { } initializer } declarator:
                Add(declarator.Symbol, initializer.Value);
                break;
            case IAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                Add(target.Local, assignment.Value);
                if (assignment is not ISimpleAssignmentOperation)
                {
                    Add(target.Local, assignment);
                }

                break;
            case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation target } increment:
                Add(target.Local, increment);
                Add(target.Local, increment);
                break;
            case IArgumentOperation { Parameter.RefKind: not RefKind.None, Value: ILocalReferenceOperation target } argument:
                Add(target.Local, argument);
                Add(target.Local, argument);
                break;
            case IDeclarationExpressionOperation or ITupleOperation when op.Parent is IDeconstructionAssignmentOperation:
                foreach (var local in op.Descendants().OfType<ILocalReferenceOperation>())
                {
                    Add(local.Local, op);
                    Add(local.Local, op);
                }

                break;
        }
    }

    public Dictionary<ISymbol, List<IOperation>> ByLocal() => _writes;

    private void Add(ISymbol symbol, IOperation value)
    {
        if (!_writes.TryGetValue(symbol, out var list))
        {
            _writes[symbol] = list = new List<IOperation>(1);
        }

        list.Add(value);
    }
}
