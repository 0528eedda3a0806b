using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace PromptBudget.Analyzers.Evaluation;

/// <summary>
/// Operations kept in the order a walk of the body met them, answering "those that start before
/// a position" in that same order. The walk's order is nearly always source order; then the answer
/// is a prefix found by binary search. When it is not (arguments are listed in parameter order,
/// not written order), the list is filtered, which keeps the answer identical to a full walk.
/// </summary>
internal sealed class OperationsBefore
{
    private readonly List<IOperation> _operations;
    private readonly int[]? _startsInOrder;

    public OperationsBefore(List<IOperation> operations)
    {
        _operations = operations;
        var starts = operations.Select(o => o.Syntax.SpanStart).ToArray();
        _startsInOrder = IsAscending(starts) ? starts : null;
    }

    public IEnumerable<IOperation> Before(int position)
    {
        if (_startsInOrder is null)
        {
            return _operations.Where(o => o.Syntax.SpanStart < position);
        }

        var count = MethodBodyIndex.CountLessThan(_startsInOrder, position);
        return _operations.Take(count);
    }

    private static bool IsAscending(int[] values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] < values[i - 1])
            {
                return false;
            }
        }

        return true;
    }
}
