using System;
using System.Collections.Generic;
using PromptBudget.Core.Json;
using N = PromptBudget.Core.Reporting.CallSiteFieldNames;

namespace PromptBudget.Core.Reporting;

/// <summary>
/// Every field of <see cref="CallSiteRecord"/>, in the order they are written. The analyzer's payload
/// (<see cref="CallSiteRecordJson"/>), each call site of promptbudget.json and the baseline reader
/// all write or read a record through this table, with the names of <see cref="CallSiteFieldNames"/>.
/// </summary>
public static class CallSiteFields
{
    public static IReadOnlyList<CallSiteField> All { get; } = new[]
    {
        CallSiteField.Text(N.File, r => r.File, (r, v) => r.File = v),
        CallSiteField.Whole(N.Line, r => r.Line, (r, v) => r.Line = (int)v, int32: true),
        CallSiteField.Whole(N.Column, r => r.Column, (r, v) => r.Column = (int)v, int32: true),
        CallSiteField.Text(N.Member, r => r.Member, (r, v) => r.Member = v),
        CallSiteField.Whole(N.Ordinal, r => r.Ordinal, (r, v) => r.Ordinal = (int)v, int32: true),
        CallSiteField.Text(N.Branch, r => r.Branch, (r, v) => r.Branch = v),
        CallSiteField.Text(N.Feature, r => r.Feature, (r, v) => r.Feature = v),
        CallSiteField.Amount(N.CallsPerRequest, r => r.CallsPerRequest, (r, v) => r.CallsPerRequest = v),
        CallSiteField.Text(N.Sdk, r => r.Sdk, (r, v) => r.Sdk = v),
        CallSiteField.Text(N.TemplateFormat, r => r.TemplateFormat, (r, v) => r.TemplateFormat = v),
        CallSiteField.Text(N.LoadedBy, r => r.LoadedBy, (r, v) => r.LoadedBy = v),
        CallSiteField.Text(N.Model, r => r.Model, (r, v) => r.Model = v),
        CallSiteField.Text(N.ModelSource, r => r.ModelSource, (r, v) => r.ModelSource = v),
        CallSiteField.Text(N.ModelSourceDetail, r => r.ModelSourceDetail, (r, v) => r.ModelSourceDetail = v),
        CallSiteField.Text(N.ResolvedModel, r => r.ResolvedModel, (r, v) => r.ResolvedModel = v),
        CallSiteField.Text(N.Encoding, r => r.Encoding, (r, v) => r.Encoding = v),
        CallSiteField.Flag(N.Exact, r => r.Exact, (r, v) => r.Exact = v),
        CallSiteField.Amount(N.TokenizerFactor, r => r.TokenizerFactor, (r, v) => r.TokenizerFactor = v),
        CallSiteField.Whole(N.StaticTokens, r => r.StaticTokens, (r, v) => r.StaticTokens = v),
        CallSiteField.Whole(N.OverheadTokens, r => r.OverheadTokens, (r, v) => r.OverheadTokens = v),
        CallSiteField.Whole(N.BoundedDynamicTokens, r => r.BoundedDynamicTokens, (r, v) => r.BoundedDynamicTokens = v),
        CallSiteField.Whole(N.AssumedUnboundedTokens, r => r.AssumedUnboundedTokens, (r, v) => r.AssumedUnboundedTokens = v),
        CallSiteField.Whole(N.InputTokens, r => r.InputTokens, (r, v) => r.InputTokens = v),
        CallSiteField.Whole(N.InputTokensUpperBound, r => r.InputTokensUpperBound, (r, v) => r.InputTokensUpperBound = v),
        CallSiteField.Amount(N.TokenizerMargin, r => r.TokenizerMargin, (r, v) => r.TokenizerMargin = v),
        CallSiteField.Text(N.Framing, r => r.Framing, (r, v) => r.Framing = v),
        CallSiteField.Whole(N.UnboundedSegments, r => r.UnboundedSegments, (r, v) => r.UnboundedSegments = (int)v, int32: true),
        CallSiteField.List(N.Segments, r => r.Segments, WriteSegment, ReadSegment),
        CallSiteField.Whole(N.ToolTokens, r => r.ToolTokens, (r, v) => r.ToolTokens = v),
        CallSiteField.Whole(N.ImageTokens, r => r.ImageTokens, (r, v) => r.ImageTokens = v),
        CallSiteField.Text(N.Assumptions, r => r.Assumptions, (r, v) => r.Assumptions = v),
        CallSiteField.Whole(N.MaxOutputTokens, r => r.MaxOutputTokens, (r, v) => r.MaxOutputTokens = v),
        CallSiteField.Text(N.MaxOutputSource, r => r.MaxOutputSource, (r, v) => r.MaxOutputSource = v),
        CallSiteField.Text(N.MaxOutputSourceDetail, r => r.MaxOutputSourceDetail, (r, v) => r.MaxOutputSourceDetail = v),
        CallSiteField.Whole(N.ReasoningTokens, r => r.ReasoningTokens, (r, v) => r.ReasoningTokens = v),
        CallSiteField.Whole(N.CacheablePrefixTokens, r => r.CacheablePrefixTokens, (r, v) => r.CacheablePrefixTokens = v),
        CallSiteField.Whole(N.ContextWindow, r => r.ContextWindow, (r, v) => r.ContextWindow = v),
        CallSiteField.Flag(N.CanOverflowContextWindow, r => r.CanOverflowContextWindow, (r, v) => r.CanOverflowContextWindow = v),
        CallSiteField.Whole(N.PriceTierAboveTokens, r => r.PriceTierAboveTokens, (r, v) => r.PriceTierAboveTokens = v),
        CallSiteField.Amount(N.InputCostUsd, r => r.InputCostUsd, (r, v) => r.InputCostUsd = v),
        CallSiteField.Amount(N.OutputCostUsd, r => r.OutputCostUsd, (r, v) => r.OutputCostUsd = v),
        CallSiteField.Amount(N.WorstCaseCostUsd, r => r.WorstCaseCostUsd, (r, v) => r.WorstCaseCostUsd = v),
        CallSiteField.Amount(N.CachedCaseCostUsd, r => r.CachedCaseCostUsd, (r, v) => r.CachedCaseCostUsd = v),
        CallSiteField.Amount(N.CacheWriteCaseCostUsd, r => r.CacheWriteCaseCostUsd, (r, v) => r.CacheWriteCaseCostUsd = v),
        CallSiteField.Text(N.PriceDate, r => r.PriceDate, (r, v) => r.PriceDate = v),
        CallSiteField.Text(N.Preview, r => r.Preview, (r, v) => r.Preview = v),
        CallSiteField.Whole(N.LoopIterationCap, r => r.LoopIterationCap, (r, v) => r.LoopIterationCap = v),
        CallSiteField.Text(N.LoopIterationCapSource, r => r.LoopIterationCapSource, (r, v) => r.LoopIterationCapSource = v),
        CallSiteField.Text(N.LoopIterationCapDetail, r => r.LoopIterationCapDetail, (r, v) => r.LoopIterationCapDetail = v),
        CallSiteField.Whole(N.ToolResultTokens, r => r.ToolResultTokens, (r, v) => r.ToolResultTokens = v),
        CallSiteField.Flag(N.ToolResultTokensAssumed, r => r.ToolResultTokensAssumed, (r, v) => r.ToolResultTokensAssumed = v),
        CallSiteField.Whole(N.RequestModelCalls, r => r.RequestModelCalls, (r, v) => r.RequestModelCalls = v),
        CallSiteField.Whole(N.RequestInputTokens, r => r.RequestInputTokens, (r, v) => r.RequestInputTokens = v),
        CallSiteField.Whole(N.RequestOutputTokens, r => r.RequestOutputTokens, (r, v) => r.RequestOutputTokens = v),
        CallSiteField.Amount(N.RequestWorstCaseCostUsd, r => r.RequestWorstCaseCostUsd, (r, v) => r.RequestWorstCaseCostUsd = v),
        CallSiteField.Whole(N.BudgetMaxInputTokens, r => r.BudgetMaxInputTokens, (r, v) => r.BudgetMaxInputTokens = v),
        CallSiteField.Whole(N.BudgetMaxOutputTokens, r => r.BudgetMaxOutputTokens, (r, v) => r.BudgetMaxOutputTokens = v),
        CallSiteField.Amount(N.BudgetMaxCostPerCallUsd, r => r.BudgetMaxCostPerCallUsd, (r, v) => r.BudgetMaxCostPerCallUsd = v),
        CallSiteField.List(N.Violations, r => r.Violations, WriteViolation, ReadViolation),
    };

    /// <summary>The fields of these names, in the order given; throws for a name that is not a field.</summary>
    public static CallSiteField[] Named(params string[] names)
    {
        var fields = new CallSiteField[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            fields[i] = FindField(names[i]) ?? throw new ArgumentException("'" + names[i] + "' is not a call-site field.", nameof(names));
        }

        return fields;
    }

    /// <summary>Writes every field as properties of the object the writer is in.</summary>
    public static void Write(JsonWriter writer, CallSiteRecord record)
    {
        foreach (var field in All)
        {
            field.Write(writer, record);
        }
    }

    /// <summary>A record from the values <paramref name="lookup"/> finds by field name (null when absent).</summary>
    public static CallSiteRecord Read(Func<string, JsonValue?> lookup)
    {
        var record = new CallSiteRecord();
        foreach (var field in All)
        {
            field.Read(record, lookup(field.Name));
        }

        return record;
    }

    /// <summary>A record from the properties of a JSON object.</summary>
    public static CallSiteRecord Read(JsonValue obj) => Read(obj.Get);

    private static CallSiteField? FindField(string name)
    {
        foreach (var field in All)
        {
            if (field.Name == name)
            {
                return field;
            }
        }

        return null;
    }

    private static void WriteSegment(JsonWriter w, SegmentRecord s) =>
        w.Property(N.Segment.Name, s.Name).Property(N.Segment.BoundTokens, s.BoundTokens).Property(N.Segment.BoundSource, s.BoundSource);

    private static SegmentRecord ReadSegment(JsonValue o) => new()
    {
        Name = o.GetString(N.Segment.Name) ?? "",
        BoundTokens = CallSiteField.AsWhole(o.Get(N.Segment.BoundTokens), N.Segment.BoundTokens),
        BoundSource = o.GetString(N.Segment.BoundSource),
    };

    private static void WriteViolation(JsonWriter w, ViolationRecord v) =>
        w.Property(N.Violation.Kind, v.Kind).Property(N.Violation.Limit, v.Limit).Property(N.Violation.Actual, v.Actual).Property(N.Violation.Unit, v.Unit);

    private static ViolationRecord ReadViolation(JsonValue o) => new()
    {
        Kind = o.GetString(N.Violation.Kind) ?? "",
        Limit = CallSiteField.AsDecimal(o.Get(N.Violation.Limit)) ?? 0,
        Actual = CallSiteField.AsDecimal(o.Get(N.Violation.Actual)) ?? 0,
        Unit = o.GetString(N.Violation.Unit) ?? "",
    };
}
