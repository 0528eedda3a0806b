using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;
using PromptBudget.Core.Estimation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>Message shapes shared by Anthropic's official SDK and the community Anthropic.SDK.</summary>
internal static class AnthropicShapes
{
    /// <summary>A text value behind implicit conversions (string → content union types).</summary>
    public static StringValue Text(IOperation value, RecognitionContext context)
    {
        var unwrapped = ValueTracker.Unwrap(value);
        return unwrapped.Type?.SpecialType == SpecialType.System_String || unwrapped.ConstantValue.HasValue
            ? context.Text(unwrapped)
            : StringValue.Dynamic(SegmentName.Shorten(value.Syntax.ToString()));
    }

    public static MessageValue Message(IOperation element, IOperation site, RecognitionContext context)
    {
        var definition = context.Tracker.Definition(element, context.CancellationToken);
        if (definition is not IObjectCreationOperation creation || creation.Type is null)
        {
            return new MessageValue(MessageRole.User, StringValue.Dynamic(SegmentName.Shorten(element.Syntax.ToString())));
        }

        var role = creation.Type.Name switch
        {
            "UserMessageParam" => MessageRole.User,
            "AssistantMessageParam" => MessageRole.Assistant,
            "SystemMessageParam" or "SystemMessage" => MessageRole.System,
            _ => RoleOf(context.PropertyValue(creation, "Role", site) ?? FirstArgumentOfEnum(creation), context),
        };

        var content = context.PropertyValue(creation, "Content", site)
            ?? RecognitionContext.Argument(creation, "content")
            ?? RecognitionContext.Argument(creation, "text")
            ?? LastStringArgument(creation);
        if (content is not null && ContentParts.IsBlockList(content, site, context))
        {
            return ContentParts.Anthropic(role, content, site, context);
        }

        return new MessageValue(role, content is null ? StringValue.Dynamic(SegmentName.Shorten(element.Syntax.ToString())) : Text(content, context));
    }

    private static MessageRole RoleOf(IOperation? role, RecognitionContext context) =>
        role is not null && context.Tracker.Definition(role, context.CancellationToken) is IFieldReferenceOperation field
            ? field.Field.Name switch
            {
                "Assistant" => MessageRole.Assistant,
                "System" => MessageRole.System,
                _ => MessageRole.User,
            }
            : MessageRole.User;

    private static IOperation? FirstArgumentOfEnum(IObjectCreationOperation creation)
    {
        foreach (var argument in creation.Arguments)
        {
            if (ValueTracker.Unwrap(argument.Value).Type?.TypeKind == TypeKind.Enum)
            {
                return argument.Value;
            }
        }

        return null;
    }

    private static IOperation? LastStringArgument(IObjectCreationOperation creation)
    {
        IOperation? found = null;
        foreach (var argument in creation.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue && ValueTracker.Unwrap(argument.Value).Type?.SpecialType == SpecialType.System_String)
            {
                found = argument.Value;
            }
        }

        return found;
    }

}
