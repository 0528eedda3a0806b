using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using PromptBudget.Core.Estimation;
using PromptBudget.Core.Json;

namespace PromptBudget.Core.Tokenization;

/// <summary>
/// Input tokens that a call's function-tool definitions add, by provider. Always an estimate: no provider
/// publishes the exact rendering of tools into the prompt.
/// <para>
/// OpenAI models (o200k and cl100k): the function-definition formula of OpenAI's cookbook "How to count tokens
/// with tiktoken" (section 7, <c>num_tokens_for_tools</c>), whose worked example the API confirms (101 prompt
/// tokens for gpt-4o and gpt-4o-mini, 105 for gpt-3.5-turbo and gpt-4): per function 7 tokens (10 on
/// cl100k models) plus the tokens of <c>name:description</c> (a final period dropped); when it has properties,
/// 3 once and, per property, 3 plus the tokens of <c>name:type:description</c>; an enum adds −3 once and,
/// per item, 3 plus the item's tokens; 12 once at the end of the tool list. The cookbook gives constants for
/// gpt-4o, gpt-4o-mini, gpt-4 and gpt-3.5-turbo; the other o200k models (gpt-4.1, gpt-5.x, o-series) are given
/// gpt-4o's, and cl100k models gpt-4's. The formula has no rule for nested schemas: a property with its own
/// <c>properties</c>, <c>items</c>, <c>anyOf</c>/<c>oneOf</c>/<c>allOf</c>, <c>$ref</c> or object-valued
/// <c>additionalProperties</c>, and a schema's <c>$defs</c>/<c>definitions</c>, also add the tokens of their
/// JSON written compactly (OpenAI renders them as shorter TypeScript-like types, so this is an upper bound).
/// A schema that is not valid JSON is counted as its text.
/// </para>
/// <para>
/// Claude: Anthropic's documented hidden tool-use system prompt (tool use pricing table: 346 tokens with
/// <c>auto</c>/<c>none</c> and 313 with <c>any</c>/<c>tool</c> for Claude 3.7, 4.x and later; 264/340 Claude
/// 3 Haiku and 3.5 Haiku; 530/281 Claude 3 Opus; 159/235 Claude 3 Sonnet; 294/261 Claude 3.5 Sonnet of June 2024),
/// plus each tool's <c>{"name","description","input_schema"}</c> JSON counted with the Claude estimate.
/// Other models: each tool's <c>{"name","description","parameters"}</c> JSON counted with the model's estimate.
/// </para>
/// </summary>
public static class ToolDefinitionTokens
{
    public const int FunctionInitO200k = 7;
    public const int FunctionInitCl100k = 10;
    public const int PropertyInit = 3;
    public const int PropertyKey = 3;
    public const int EnumInit = -3;
    public const int EnumItem = 3;
    public const int FunctionEnd = 12;

    /// <summary>
    /// The tokens the known tools add (their dynamic segments are counted by the caller). <paramref name="count"/>
    /// counts a text for the model (already scaled for estimated profiles).
    /// </summary>
    public static long Count(IReadOnlyList<ToolDefinition> tools, ToolChoiceMode choice, TokenizerProfile profile, string model, Func<string, long> count)
    {
        var known = 0;
        foreach (var tool in tools)
        {
            if (tool.IsKnown)
            {
                known++;
            }
        }

        long total = 0;
        if (profile.Family.StartsWith("claude", StringComparison.Ordinal) && tools.Count > 0)
        {
            // The hidden prompt is sent whenever the request has tools, known or not.
            total = AnthropicToolUseSystemPromptTokens(model, choice);
        }

        if (known == 0)
        {
            return total;
        }

        if (profile == TokenizerProfile.OpenAIO200k || profile == TokenizerProfile.OpenAICl100k)
        {
            var functionInit = profile == TokenizerProfile.OpenAICl100k ? FunctionInitCl100k : FunctionInitO200k;
            foreach (var tool in tools)
            {
                if (tool.IsKnown)
                {
                    total = Estimation.SaneRange.Add(total, OpenAIFunction(tool, functionInit, count));
                }
            }

            return Estimation.SaneRange.Add(total, FunctionEnd);
        }

        var schemaKey = profile.Family.StartsWith("claude", StringComparison.Ordinal) ? "input_schema" : "parameters";
        foreach (var tool in tools)
        {
            if (tool.IsKnown)
            {
                total = Estimation.SaneRange.Add(total, count(DefinitionJson(tool, schemaKey)));
            }
        }

        return total;
    }

    /// <summary>
    /// Anthropic's hidden tool-use system prompt for <paramref name="model"/> (Anthropic docs, "Tool use with
    /// Claude", pricing). A choice not known at compile time takes the larger of the two.
    /// </summary>
    public static long AnthropicToolUseSystemPromptTokens(string model, ToolChoiceMode choice)
    {
        var id = Pricing.ModelIdNormalizer.StripPrefixes(model.Trim().ToLowerInvariant());
        (long Auto, long Forced) tokens =
            id.StartsWith("claude-3-opus", StringComparison.Ordinal) ? (530, 281)
            : id.StartsWith("claude-3-sonnet", StringComparison.Ordinal) ? (159, 235)
            : id.StartsWith("claude-3-haiku", StringComparison.Ordinal) || id.StartsWith("claude-3-5-haiku", StringComparison.Ordinal) ? (264, 340)
            : id.StartsWith("claude-3-5-sonnet-20240620", StringComparison.Ordinal) ? (294, 261)
            : (346, 313);
        return choice switch
        {
            ToolChoiceMode.Any or ToolChoiceMode.Tool => tokens.Forced,
            ToolChoiceMode.NotKnown => Math.Max(tokens.Auto, tokens.Forced),
            _ => tokens.Auto,
        };
    }

    private static long OpenAIFunction(ToolDefinition tool, int functionInit, Func<string, long> count)
    {
        long tokens = functionInit;
        tokens += count(tool.Name + ":" + WithoutFinalPeriod(tool.Description));
        if (tool.ParametersJson is not { } json || json.Trim().Length == 0)
        {
            return tokens;
        }

        JsonValue schema;
        try
        {
            schema = JsonReader.Parse(json);
        }
        catch (JsonParseException)
        {
            return tokens + count(json);
        }

        if (schema.Kind != JsonKind.Object)
        {
            return tokens + count(json);
        }

        var properties = schema.Get("properties");
        if (properties is { Kind: JsonKind.Object, Members.Count: > 0 })
        {
            tokens += PropertyInit;
            foreach (var property in properties.Members)
            {
                tokens += PropertyKey;
                var value = property.Value;
                if (value.Get("enum") is { Kind: JsonKind.Array } values)
                {
                    tokens += EnumInit;
                    foreach (var item in values.Items)
                    {
                        tokens += EnumItem + count(item.Kind == JsonKind.String ? item.Text ?? "" : Compact(item));
                    }
                }

                var type = value.Get("type") is { } t ? (t.Kind == JsonKind.String ? t.Text ?? "" : Compact(t)) : "";
                var description = WithoutFinalPeriod(value.GetString("description") ?? "");
                tokens += count(property.Key + ":" + type + ":" + description);
                if (IsNested(value))
                {
                    tokens += count(Compact(value));
                }
            }
        }

        foreach (var name in new[] { "$defs", "definitions" })
        {
            if (schema.Get(name) is { Kind: JsonKind.Object } definitions)
            {
                tokens += count(Compact(definitions));
            }
        }

        return tokens;
    }

    private static bool IsNested(JsonValue property) =>
        property.Kind == JsonKind.Object
        && (property.Get("properties") is not null || property.Get("items") is not null || property.Get("anyOf") is not null
            || property.Get("oneOf") is not null || property.Get("allOf") is not null || property.Get("$ref") is not null
            || property.Get("additionalProperties") is { Kind: JsonKind.Object });

    private static string WithoutFinalPeriod(string text) => text.EndsWith(".", StringComparison.Ordinal) ? text.Substring(0, text.Length - 1) : text;

    /// <summary>The tool as one compact JSON object (<c>{"name":…,"description":…,"&lt;schemaKey&gt;":…}</c>).</summary>
    internal static string DefinitionJson(ToolDefinition tool, string schemaKey)
    {
        var builder = new StringBuilder();
        builder.Append("{\"name\":");
        AppendString(builder, tool.Name);
        if (tool.Description.Length > 0)
        {
            builder.Append(",\"description\":");
            AppendString(builder, tool.Description);
        }

        builder.Append(",\"").Append(schemaKey).Append("\":");
        if (tool.ParametersJson is { } json && json.Trim().Length > 0)
        {
            try
            {
                builder.Append(Compact(JsonReader.Parse(json)));
            }
            catch (JsonParseException)
            {
                builder.Append(json);
            }
        }
        else
        {
            builder.Append("{\"type\":\"object\",\"properties\":{}}");
        }

        return builder.Append('}').ToString();
    }

    /// <summary>A JSON value written without spaces, strings escaped only where JSON requires.</summary>
    internal static string Compact(JsonValue value)
    {
        var builder = new StringBuilder();
        Write(builder, value);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, JsonValue value)
    {
        switch (value.Kind)
        {
            case JsonKind.Null:
                builder.Append("null");
                break;
            case JsonKind.Boolean:
                builder.Append(value.Boolean ? "true" : "false");
                break;
            case JsonKind.Number:
                builder.Append(value.Text);
                break;
            case JsonKind.String:
                AppendString(builder, value.Text ?? "");
                break;
            case JsonKind.Array:
                builder.Append('[');
                for (var i = 0; i < value.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Write(builder, value.Items[i]);
                }

                builder.Append(']');
                break;
            default:
                builder.Append('{');
                for (var i = 0; i < value.Members.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    AppendString(builder, value.Members[i].Key);
                    builder.Append(':');
                    Write(builder, value.Members[i].Value);
                }

                builder.Append('}');
                break;
        }
    }

    private static void AppendString(StringBuilder builder, string text) => Json.CompactJson.AppendString(builder, text);
}
