using System;

namespace PromptBudget.Core.Json;

/// <summary>Malformed JSON, with the 1-based line and column where reading stopped.</summary>
public sealed class JsonParseException : Exception
{
    public JsonParseException(string message, int line, int column)
        : base($"{message} (line {line}, column {column})")
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }
}
