using System.Collections.Generic;
using System.Linq;
using PromptBudget.Analyzers.Configuration;
using PromptBudget.Analyzers.Discovery;
using PromptBudget.Analyzers.Discovery.Loops;
using PromptBudget.Analyzers.Evaluation;
using PromptBudget.Core.Budgets;
using PromptBudget.Core.Estimation;
using PromptBudget.Core.Pricing;

namespace PromptBudget.Analyzers.Diagnostics;

/// <summary>A call site with its model settled, its worst-case estimate and its per-call budget violations.</summary>
internal sealed class CallSiteEstimation
{
    private CallSiteEstimation(PromptCallSite site, ModelReference model, PromptShape shape, CostEstimate estimate, BudgetPolicy policy, IReadOnlyList<BudgetViolation> violations)
    {
        Site = site;
        Model = model;
        Shape = shape;
        Estimate = estimate;
        Policy = policy;
        Violations = violations;
    }

    public PromptCallSite Site { get; }

    /// <summary>The model after deployment aliases and the default model were applied.</summary>
    public ModelReference Model { get; }

    public PromptShape Shape { get; }

    /// <summary>The estimate; with no model determined it has counts but no price.</summary>
    public CostEstimate Estimate { get; }

    public BudgetPolicy Policy { get; }

    public IReadOnlyList<BudgetViolation> Violations { get; }

    /// <summary>The worst case of one request through the call's tool loop; null for a plain call or a loop whose cap is unknown.</summary>
    public RequestWorstCase? Request { get; private set; }

    /// <summary>For a loop at its library's default cap: the same request at <see cref="SmallLoopCap"/> iterations (PB1012's comparison).</summary>
    public RequestWorstCase? SmallCapRequest { get; private set; }

    /// <summary>The tool-result allowance the loop was counted with.</summary>
    public long ToolResultTokens { get; private set; }

    /// <summary>True when <see cref="ToolResultTokens"/> is the assumed default, not a setting.</summary>
    public bool ToolResultTokensAssumed { get; private set; }

    /// <summary>
    /// The <c>prompt_budget.tool_result_tokens</c> value that was set but cannot be used (PB2001), so the default is
    /// assumed in its place; null when none was set or it was used. PB1012 names it, so "assumed" never reads as "not set".
    /// </summary>
    public string? ToolResultTokensRejected { get; private set; }

    /// <summary>The explicit cap PB1012 compares with and its code fix writes.</summary>
    public const int SmallLoopCap = 5;

    /// <summary>Values the code gives that are outside the sane range (PB1010): what, the value, why, and what is used instead.</summary>
    public IReadOnlyList<OutOfRangeValue> OutOfRangeValues { get; private set; } = System.Array.Empty<OutOfRangeValue>();

    public static CallSiteEstimation Create(PromptCallSite site, PromptBudgetSettings settings, CostEstimator estimator, System.Threading.CancellationToken cancellationToken = default)
    {
        var outOfRange = RejectOutOfRange(site);
        var model = SettleModel(site.Model, settings);
        var policy = new BudgetPolicy
        {
            MaxInputTokens = settings.MaxInputTokens,
            MaxOutputTokens = settings.MaxOutputTokens,
            MaxCostPerCallUsd = settings.MaxCostPerCall,
            UnboundedSegments = settings.AssumedSegmentTokens is null ? UnboundedSegmentHandling.Violation : UnboundedSegmentHandling.AssumeTokens,
            AssumedSegmentTokens = settings.AssumedSegmentTokens ?? 0,
        };

        var shape = new PromptShape(model.Name ?? "", site.Messages.Select(ToMessage).ToList())
        {
            MaxOutputTokens = site.MaxOutputTokens,
            ReasoningBudgetTokens = site.ReasoningBudgetTokens,
            AssumedUnboundedSegmentTokens = policy.TokensPerUnboundedSegment,
            Tools = site.Tools.Select(t => t.ToDefinition()).ToList(),
            ToolChoice = site.ToolChoice,
            NotCounted = site.NotCounted,
        };

        // With no model the prompt is still counted (the generic estimate, labelled estimated), so an
        // input-token budget applies and the report shows its size; it has no price.
        var estimate = estimator.Estimate(shape, cancellationToken);
        var violations = BudgetEvaluator.Evaluate(estimate, policy);
        var estimation = new CallSiteEstimation(site, model, shape, estimate, policy, violations) { OutOfRangeValues = outOfRange };
        estimation.EstimateLoop(settings, estimator);
        return estimation;
    }

    // One request of a loop: the cap's model calls, each resending the conversation so far (RequestWorstCase).
    private void EstimateLoop(PromptBudgetSettings settings, CostEstimator estimator)
    {
        ToolResultTokens = settings.ToolResultTokens ?? RequestWorstCase.DefaultToolResultTokens;
        ToolResultTokensAssumed = settings.ToolResultTokens is null;
        ToolResultTokensRejected = ToolResultTokensAssumed
            ? settings.Errors.Find(e => e.Key == Configuration.SettingKeys.ToolResultTokens.EditorConfigKey || e.Key == Configuration.SettingKeys.ToolResultTokens.BuildProperty)?.Value
            : null;
        if (Site.Loop is not { Cap: { } cap } loop)
        {
            return;
        }

        var calls = (int)System.Math.Min(cap, int.MaxValue);
        Request = estimator.EstimateRequest(Estimate, calls, ToolResultTokens);
        if (loop.Source == LoopCapSource.LibraryDefault && cap > SmallLoopCap)
        {
            SmallCapRequest = estimator.EstimateRequest(Estimate, SmallLoopCap, ToolResultTokens);
        }
    }

    // A max output or reasoning budget below 0 or above 10^9 tokens is not used (the call is treated as
    // one whose setting is not a known constant); a [PromptBound] outside the range was already left
    // out by its DynamicPart. Each is named, with its value, for PB1010.
    private static List<OutOfRangeValue> RejectOutOfRange(PromptCallSite site)
    {
        var found = new List<OutOfRangeValue>();
        if (site.MaxOutputTokens is { } max && SaneRange.TokenCountProblem(max) is { } maxProblem)
        {
            found.Add(new OutOfRangeValue(site.Fix?.PropertyName ?? "the max output tokens", max, maxProblem, "the worst case uses the model's maximum output"));
            site.MaxOutputTokens = null;
            site.MaxOutputIsDynamic = true;
        }

        // A cap below 1 makes the library throw (M.E.AI: ArgumentOutOfRangeException): no worst case is counted from it.
        if (site.Loop is { Cap: { } loopCap } loop && loopCap < 1)
        {
            found.Add(new OutOfRangeValue(loop.SettingName, loopCap, "a tool loop makes at least one model call", "the loop's cap is counted as unknown"));
            site.Loop = new ToolLoop(null, LoopCapSource.Unknown, loop.Detail + " (below 1)", loop.SettingName);
        }

        if (site.ReasoningBudgetTokens is { } budget && SaneRange.TokenCountProblem(budget) is { } budgetProblem)
        {
            found.Add(new OutOfRangeValue("the reasoning budget", budget, budgetProblem, "no reasoning budget is counted"));
            site.ReasoningBudgetTokens = null;
        }

        foreach (var part in site.AllDynamicParts())
        {
            if (part.RejectedBound is { } bound)
            {
                found.Add(new OutOfRangeValue(
                    (part.RejectedBoundSource ?? "the bound") + " of '" + part.Name + "'", bound,
                    SaneRange.TokenCountProblem(bound) ?? "", "the part is counted as unbounded"));
            }
        }

        return found;
    }

    private static ModelReference SettleModel(ModelReference model, PromptBudgetSettings settings)
    {
        if (model.Origin == ModelOrigin.Deployment && model.Name is { } deployment)
        {
            // An Azure deployment name maps to a model through configuration; unmapped, the name
            // itself is tried (deployments are often named after their model).
            return settings.DeploymentModels.TryGetValue(deployment, out var mapped)
                ? new ModelReference(mapped, ModelOrigin.Deployment, deployment, model.Detail)
                : new ModelReference(deployment, ModelOrigin.Deployment, deployment, model.Detail);
        }

        if (model.IsKnown)
        {
            return model;
        }

        return settings.DefaultModel is { } fallback
            ? new ModelReference(fallback, ModelOrigin.Default, model.Expression, model.Detail)
            : model;
    }

    private static PromptMessage ToMessage(MessageValue message)
    {
        var segments = message.Text.DynamicParts
            .Select(p => p.TypeTexts is { } texts ? new DynamicSegment(p.Name, texts, p.BoundSource ?? "type") : new DynamicSegment(p.Name, p.BoundTokens, p.BoundSource))
            .ToList();
        return new PromptMessage(message.Role, message.Text.StaticText, segments)
        {
            StaticPrefixLength = segments.Count == 0 ? null : message.Text.StaticPrefixLength,
            Images = message.Images.Select(i => i.ToInput()).ToList(),
        };
    }
}

/// <summary>A value in code outside the sane range of token counts (PB1010).</summary>
internal sealed class OutOfRangeValue
{
    public OutOfRangeValue(string what, long value, string problem, string consequence)
    {
        What = what;
        Value = value;
        Problem = problem;
        Consequence = consequence;
    }

    /// <summary>Where the value comes from: the SDK property, or the bound's attribute and the part it bounds.</summary>
    public string What { get; }

    public long Value { get; }

    public string Problem { get; }

    public string Consequence { get; }
}
