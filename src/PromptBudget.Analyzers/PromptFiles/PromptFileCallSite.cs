using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using PromptBudget.Analyzers.Configuration;
using PromptBudget.Analyzers.Discovery;
using PromptBudget.Analyzers.Evaluation;
using PromptBudget.Core.PromptFiles;

namespace PromptBudget.Analyzers.PromptFiles;

/// <summary>
/// A prompt file as a call site: its messages (static text counted; each hole a dynamic segment, or its
/// input's default or sample with <c>prompt_budget.template_inputs</c>; each loop one unbounded segment),
/// and the model and max output its settings name.
/// </summary>
internal static class PromptFileCallSite
{
    /// <summary>
    /// <paramref name="linkedModel"/>: the model of the kernel that loads or runs the file (<see cref="PromptFileLinks"/>),
    /// used when the file's settings name none; then the default model applies as for any call site.
    /// </summary>
    public static PromptCallSite Create(PromptFileDefinition definition, Location location, PromptBudgetSettings settings, ModelReference? linkedModel = null, string? linkProblem = null)
    {
        // A prompt file has no operation: only the recognizers of code read PromptCallSite.Operation.
        var site = new PromptCallSite(null!, location, definition.Kind)
        {
            Model = definition.Model is { } model
                ? new ModelReference(model, definition.ModelIsDeployment ? ModelOrigin.Deployment : ModelOrigin.Code, model)
                : linkedModel ?? new ModelReference(null, ModelOrigin.Unknown, definition.ModelExpression ?? "no model in " + SettingsName(definition), linkProblem),
            MaxOutputTokens = definition.MaxOutputTokens,

            // Names the file's own setting in PB1003/PB1004/PB1005; no options type, so no code fix is offered.
            Fix = new MaxOutputFix(definition.MaxOutputSetting, "", null),
        };

        foreach (var message in definition.Messages)
        {
            site.Messages.Add(new MessageValue(message.Role, Value(message.Parts, definition, settings.TemplateInputs)));
        }

        return site;
    }

    private static StringValue Value(IReadOnlyList<TemplatePart> parts, PromptFileDefinition definition, TemplateInputs inputs)
    {
        var values = new List<StringPart>();
        foreach (var part in parts)
        {
            switch (part.Kind)
            {
                case TemplatePartKind.Text:
                    values.Add(new LiteralPart(part.Text));
                    break;
                case TemplatePartKind.Variable when InputText(definition, part.Name, inputs) is { } known:
                    values.Add(new LiteralPart(known));
                    break;
                case TemplatePartKind.Variable:
                    values.Add(new DynamicPart(part.Name, null, null));
                    break;
                case TemplatePartKind.Loop:
                    values.Add(new DynamicPart("loop over " + part.Name, null, null));
                    break;
                default:
                    values.Add(new DynamicPart(SegmentName.Shorten(part.Text, 60), null, null));
                    break;
            }
        }

        return new StringValue(values);
    }

    private static string? InputText(PromptFileDefinition definition, string name, TemplateInputs inputs)
    {
        if (inputs == TemplateInputs.Unbounded || !definition.Inputs.TryGetValue(name, out var input))
        {
            return null;
        }

        return inputs == TemplateInputs.Sample ? input.Sample ?? input.Default : input.Default;
    }

    private static string SettingsName(PromptFileDefinition definition) => definition.Kind switch
    {
        PromptFileKinds.SemanticKernelPromptDirectory => "config.json",
        PromptFileKinds.Prompty => "the front matter",
        PromptFileKinds.SemanticKernelYaml => "execution_settings",
        _ => "the file",
    };
}
