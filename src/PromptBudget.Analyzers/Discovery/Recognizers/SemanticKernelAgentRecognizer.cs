using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptBudget.Analyzers.Evaluation;
using PromptBudget.Core.Estimation;

namespace PromptBudget.Analyzers.Discovery.Recognizers;

/// <summary>
/// Semantic Kernel agents (Microsoft.SemanticKernel.Agents.Core): <c>agent.InvokeAsync(…)</c> / <c>InvokeStreamingAsync(…)</c>
/// on a <c>ChatCompletionAgent</c> is the call site, read the way <c>ChatCompletionAgent</c> builds its request (SK 1.39 and
/// later, dotnet/src/Agents/Core/ChatCompletionAgent.cs): the agent's <c>Instructions</c> (in its <c>InstructionsRole</c>,
/// system by default), then the options' <c>AdditionalInstructions</c> (system), then the thread's earlier messages, then the
/// input message(s). The execution settings are the agent's <c>Arguments</c> (<c>new KernelArguments(settings)</c>) unless the
/// invoke options' <c>KernelArguments</c> carry settings of their own (SK merges them by service id, the options' first); the
/// model is the settings' <c>ModelId</c>, else the chat service of the options' or the agent's <c>Kernel</c>, chosen by the
/// settings' <c>ServiceId</c> (<see cref="SemanticKernelKernels"/>). The loop is the settings' function choice
/// (<see cref="Loops.SemanticKernelLoops"/>), and the functions of that kernel's plugins are the tools it advertises
/// (<see cref="SemanticKernelTools"/>, as for prompt and chat calls). The agent is followed to where it is made: a local, a field set in a constructor, a
/// get-only property, or a factory method that returns it (<see cref="AgentConversation.AgentValue"/>), whose kernel parameter is
/// followed to its callers as kernels are.
/// <para>
/// Plain <c>Instructions</c> are sent as written: since SK 1.39 (PR #10574, "Use the instructions as-is" in
/// <c>Agent.RenderInstructionsAsync</c>) they are rendered only when the agent has a <c>Template</c>, which the
/// <c>new ChatCompletionAgent(PromptTemplateConfig, IPromptTemplateFactory)</c> constructor sets; there the template's
/// <c>{{$name}}</c> holes take the arguments' values, as prompt functions' do (<see cref="TemplateHoles"/>).
/// </para>
/// </summary>
internal sealed class SemanticKernelAgentRecognizer : IPromptRecognizer
{
    public const string ChatCompletionAgent = "Microsoft.SemanticKernel.Agents.ChatCompletionAgent";
    private const string Agent = "Microsoft.SemanticKernel.Agents.Agent";
    private const string ChatHistory = "Microsoft.SemanticKernel.ChatCompletion.ChatHistory";
    private const string ChatMessageContent = "Microsoft.SemanticKernel.ChatMessageContent";
    private const string PromptTemplateConfig = "Microsoft.SemanticKernel.PromptTemplateConfig";
    private const string OpenAISettings = "Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings";

    public bool IsEnabled(SdkTypes types) => types.Has(ChatCompletionAgent);

    public PromptCallSite? TryRecognize(IInvocationOperation invocation, RecognitionContext context)
    {
        if (invocation.TargetMethod.Name is not ("InvokeAsync" or "InvokeStreamingAsync") || invocation.Instance is not { } agent
            || !context.Types.Is(invocation.TargetMethod.ContainingType, Agent) || invocation.TargetMethod.Parameters.Any(p => p.Name == "history"))
        {
            return null;
        }

        // The agent as it is made (a local, a field set in a constructor, …); an agent typed as the base class counts
        // only when it is a ChatCompletionAgent made in view (other agents send their requests elsewhere).
        var reference = agent;
        agent = AgentConversation.AgentValue(agent, context);
        var made = context.Tracker.Definition(agent, context.CancellationToken) is IObjectCreationOperation creation && context.Types.Is(creation.Type, ChatCompletionAgent)
            ? creation
            : null;
        if (made is null && !context.Types.Is(reference.Type, ChatCompletionAgent))
        {
            return null;
        }

        var site = new PromptCallSite(invocation, RecognitionContext.NameLocation(invocation), "SemanticKernel.Agents");
        var options = RecognitionContext.Argument(invocation, "options");
        var optionsArguments = options is null ? null : context.PropertyValue(options, "KernelArguments", invocation);
        var agentArguments = made is null ? null : context.PropertyValue(agent, "Arguments", invocation);
        var settings = ServiceSelection.SettingsIn(optionsArguments, context) ?? ServiceSelection.SettingsIn(agentArguments, context);

        AddInstructions(site, reference, agent, made, optionsArguments, agentArguments, invocation, context);
        if (options is not null && context.PropertyValue(options, "AdditionalInstructions", invocation) is { } additional && !IsBlank(additional, context))
        {
            site.Messages.Add(new MessageValue(MessageRole.System, context.Text(additional)));
        }

        AgentConversation.AddThread(site, RecognitionContext.Argument(invocation, "thread"), context);
        AddInput(site, invocation, context);

        // The kernel's service is chosen by the settings' ServiceId / ModelId below, as for prompt functions.
        SemanticKernelRecognizer.ApplySettings(site, settings, invocation, context, modelIdIsTheModel: false);
        site.Fix = AgentConversation.FixIn(settings, "MaxTokens", OpenAISettings, invocation, context);

        // The kernel the agent runs on: the options' Kernel, else the agent's (an agent made without one has an empty kernel,
        // with no chat service and no plugins). Its plugins' functions are the tools the settings advertise.
        var kernel = (options is null ? null : context.PropertyValue(options, "Kernel", invocation))
            ?? (made is null ? null : context.PropertyValue(agent, "Kernel", invocation));
        var unseenKernel = made is null && kernel is null ? "the plugins of the kernel of the agent '" + SegmentName.Shorten(reference.Syntax.ToString()) + "', which is not made in view" : null;
        SemanticKernelTools.Apply(site, settings, kernel, unseenKernel, invocation, context);
        if (!site.Model.IsKnown)
        {
            site.Model = ModelOf(reference, made, kernel, settings, invocation, context);
        }

        return site;
    }

    // Instructions: the template of a `new ChatCompletionAgent(templateConfig, factory)`, else `Instructions` as written.
    private static void AddInstructions(PromptCallSite site, IOperation reference, IOperation agent, IObjectCreationOperation? made, IOperation? optionsArguments, IOperation? agentArguments, IInvocationOperation invocation, RecognitionContext context)
    {
        if (made is null)
        {
            site.Messages.Add(new MessageValue(MessageRole.System, StringValue.Dynamic("instructions of the agent '" + SegmentName.Shorten(reference.Syntax.ToString()) + "'")));
            return;
        }

        var role = context.PropertyValue(agent, "InstructionsRole", invocation) is { } roleValue ? SemanticKernelRecognizer.RoleOf(roleValue, context) ?? MessageRole.System : MessageRole.System;
        if (RecognitionContext.Argument(made, "templateConfig") is { } config)
        {
            var template = TemplateOf(config, invocation, context);
            site.Messages.Add(new MessageValue(role, template is null
                ? StringValue.Dynamic("template of " + SegmentName.Shorten(config.Syntax.ToString()))
                : TemplateHoles.Expand(context.Text(template), name =>
                    SemanticKernelRecognizer.ArgumentValue(optionsArguments, name, invocation, context) ?? SemanticKernelRecognizer.ArgumentValue(agentArguments, name, invocation, context))));
            return;
        }

        if (context.PropertyValue(agent, "Template", invocation) is { } assigned)
        {
            site.Messages.Add(new MessageValue(role, StringValue.Dynamic("instructions rendered by " + SegmentName.Shorten(assigned.Syntax.ToString()))));
            return;
        }

        // SK skips blank instructions.
        if (context.PropertyValue(agent, "Instructions", invocation) is { } instructions && !IsBlank(instructions, context))
        {
            site.Messages.Add(new MessageValue(role, context.Text(instructions)));
        }
    }

    // new PromptTemplateConfig(template) or new PromptTemplateConfig { Template = … }.
    private static IOperation? TemplateOf(IOperation config, IInvocationOperation invocation, RecognitionContext context) =>
        context.Tracker.Definition(config, context.CancellationToken) is IObjectCreationOperation creation && context.Types.Is(creation.Type, PromptTemplateConfig)
            ? context.PropertyValue(config, "Template", invocation) ?? RecognitionContext.Argument(creation, "template")
            : null;

    // The input: a string (a user message), a ChatMessageContent, or a collection of them (a ChatHistory read as the chat calls read it).
    private static void AddInput(PromptCallSite site, IInvocationOperation invocation, RecognitionContext context)
    {
        if (RecognitionContext.Argument(invocation, "message") is { } message)
        {
            site.Messages.Add(message.Type?.SpecialType == SpecialType.System_String
                ? new MessageValue(MessageRole.User, context.Text(message))
                : SemanticKernelRecognizer.MessageContent(message, context));
            return;
        }

        if (RecognitionContext.Argument(invocation, "messages") is not { } messages)
        {
            return;
        }

        if (context.Tracker.Definition(messages, context.CancellationToken) is IObjectCreationOperation history && context.Types.Is(history.Type, ChatHistory))
        {
            SemanticKernelRecognizer.AddHistory(site, messages, invocation, context);
            return;
        }

        if (context.BoundedConversation(messages) is { } bounded)
        {
            site.Messages.Add(bounded);
            return;
        }

        var elements = context.Elements(messages, invocation);
        if (elements.Count == 0 && !AgentConversation.IsEmptyCollection(messages, context))
        {
            site.Messages.Add(new MessageValue(MessageRole.User, StringValue.Dynamic(SegmentName.Shorten(messages.Syntax.ToString()))));
        }

        foreach (var element in elements)
        {
            site.Messages.Add(context.Types.Is(element.Type, ChatMessageContent) || element.Type is null
                ? SemanticKernelRecognizer.MessageContent(element, context)
                : new MessageValue(MessageRole.User, StringValue.Dynamic(SegmentName.Shorten(element.Syntax.ToString()))));
        }
    }

    // The model of the kernel's chat service the settings' ServiceId selects.
    private static ModelReference ModelOf(IOperation reference, IObjectCreationOperation? made, IOperation? kernel, IOperation? settings, IInvocationOperation invocation, RecognitionContext context)
    {
        if (kernel is not null)
        {
            var selection = ServiceSelection.OfSettings(settings, invocation, context);
            return selection.OrModelId(SemanticKernelKernels.ModelOfKernel(kernel, selection, context), context);
        }

        var text = SegmentName.Shorten(reference.Syntax.ToString());
        return made is null
            ? ModelReference.Unknown(text, "the agent '" + text + "' is not made in view (new ChatCompletionAgent { Kernel = … })")
            : ModelReference.Unknown(text, "the agent '" + text + "' is made without a Kernel, so it runs on an empty kernel with no chat service");
    }

    private static bool IsBlank(IOperation text, RecognitionContext context)
    {
        var value = context.Text(text);
        return value.IsConstant && string.IsNullOrWhiteSpace(value.StaticText);
    }
}
