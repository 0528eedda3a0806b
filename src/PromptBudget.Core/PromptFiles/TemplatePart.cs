namespace PromptBudget.Core.PromptFiles;

/// <summary>The template languages of prompt files.</summary>
public enum TemplateSyntax
{
    /// <summary>Semantic Kernel's own: <c>{{$var}}</c>, <c>{{plugin.function $arg}}</c>, <c>{{'text'}}</c>.</summary>
    SemanticKernel,

    /// <summary>Handlebars (and Mustache): <c>{{var}}</c>, <c>{{#each xs}}…{{/each}}</c>, <c>{{#if}}</c>, comments.</summary>
    Handlebars,

    /// <summary>Liquid and Jinja2: <c>{{ var | filter }}</c>, <c>{% for x in xs %}…{% endfor %}</c>, <c>{% if %}</c>, comments.</summary>
    Liquid,
}

/// <summary>What a piece of a template is.</summary>
public enum TemplatePartKind
{
    /// <summary>Text sent as written.</summary>
    Text,

    /// <summary>A variable filled at run time (<see cref="TemplatePart.Name"/> is the variable).</summary>
    Variable,

    /// <summary>A function call or partial filled at run time: its size is never known.</summary>
    Call,

    /// <summary>A loop: its body repeats as many times as its input has items, so it is never bounded.</summary>
    Loop,

    /// <summary>The start of a chat message (<see cref="TemplatePart.Role"/>): <c>&lt;message role="system"&gt;</c>, <c>{{#message role="user"}}</c>.</summary>
    MessageStart,

    /// <summary>The end of a chat message started by <see cref="MessageStart"/>.</summary>
    MessageEnd,
}

/// <summary>One piece of a parsed template.</summary>
public sealed class TemplatePart
{
    private TemplatePart(TemplatePartKind kind, string text, string name, int line)
    {
        Kind = kind;
        Text = text;
        Name = name;
        Line = line;
    }

    public TemplatePartKind Kind { get; }

    /// <summary>The text of a <see cref="TemplatePartKind.Text"/> part; the tag as written otherwise.</summary>
    public string Text { get; }

    /// <summary>The variable, function, loop input or message role.</summary>
    public string Name { get; }

    /// <summary>Line in the template text where the part starts (1-based, relative to the text parsed).</summary>
    public int Line { get; }

    public string Role => Name;

    public static TemplatePart Literal(string text, int line) => new(TemplatePartKind.Text, text, "", line);

    public static TemplatePart Variable(string name, string tag, int line) => new(TemplatePartKind.Variable, tag, name, line);

    public static TemplatePart Call(string name, string tag, int line) => new(TemplatePartKind.Call, tag, name, line);

    public static TemplatePart Loop(string name, string tag, int line) => new(TemplatePartKind.Loop, tag, name, line);

    public static TemplatePart MessageStart(string role, string tag, int line) => new(TemplatePartKind.MessageStart, tag, role, line);

    public static TemplatePart MessageEnd(string tag, int line) => new(TemplatePartKind.MessageEnd, tag, "", line);
}
