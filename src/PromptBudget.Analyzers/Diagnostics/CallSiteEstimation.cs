using System.Collections.Generic;
using System.Linq;
using PromptBudget.Analyzers.Configuration;
using PromptBudget.Analyzers.Discovery;
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

    public static CallSiteEstimation Create(PromptCallSite site, PromptBudgetSettings settings, CostEstimator estimator)
    {
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
        };

        // With no model the prompt is still counted (the generic estimate, labelled estimated), so an
        // input-token budget applies and the report shows its size; it has no price.
        var estimate = estimator.Estimate(shape);
        var violations = BudgetEvaluator.Evaluate(estimate, policy);
        return new CallSiteEstimation(site, model, shape, estimate, policy, violations);
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
            .Select(p => new DynamicSegment(p.Name, p.BoundTokens, p.BoundSource))
            .ToList();
        return new PromptMessage(message.Role, message.Text.StaticText, segments)
        {
            StaticPrefixLength = segments.Count == 0 ? null : message.Text.StaticPrefixLength,
        };
    }
}
