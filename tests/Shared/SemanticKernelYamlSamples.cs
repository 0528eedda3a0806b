namespace PromptBudget.Tests.Shared;

/// <summary>
/// Semantic Kernel YAML prompt templates shaped on Semantic Kernel's own (dotnet/samples/Concepts/Resources/GenerateStory.yaml,
/// dotnet/src/IntegrationTests/prompts/GenerateStoryHandlebars.yaml, HandlebarsPrompt.yaml, MoviePluginYaml/TopMovies.yaml),
/// with the static text of each message; their o200k counts are in the Core fixture (token-counts.json). Linked into the
/// Core and Analyzers test projects.
/// </summary>
public static class SemanticKernelYamlSamples
{
    // GenerateStory.yaml as Semantic Kernel's samples ship it.
    public const string GenerateStory = """
        name: GenerateStory
        template: |
          Tell a story about {{$topic}} that is {{$length}} sentences long.
        template_format: semantic-kernel
        description: A function that generates a story about a topic.
        input_variables:
          - name: topic
            description: The topic of the story.
            is_required: true
          - name: length
            description: The number of sentences in the story.
            is_required: true
        output_variable:
          description: The generated story.
        execution_settings:
          default:
            temperature: 0.6

        """;

    public const string GenerateStoryStatic = "Tell a story about  that is  sentences long.\n";

    // GenerateStoryHandlebars.yaml as Semantic Kernel's integration tests ship it (three services, the default one has no model).
    public const string GenerateStoryHandlebars = """
        name: GenerateStory
        template: |
          Tell a story about {{topic}} that is {{length}} sentences long. Include {{topic}} words in response.
        template_format: handlebars
        description: A function that generates a story about a topic.
        input_variables:
          - name: topic
            description: The topic of the story.
            is_required: true
          - name: length
            description: The number of sentences in the story.
            is_required: true
        output_variable:
          description: The generated story.
        execution_settings:
          service1:
            model_id: gpt-4
            temperature: 0.6
          service2:
            model_id: gpt-3
            temperature: 0.4
          default:
            temperature: 0.5

        """;

    public const string GenerateStoryHandlebarsStatic = "Tell a story about  that is  sentences long. Include  words in response.\n";

    // Shaped on HandlebarsPrompt.yaml (ContosoChatPrompt): a system message with the customer's details and the
    // chat history rendered by {{#each}}; settings as TopMovies.yaml writes them (a !!bool tag, a nested response_format).
    public const string ContosoChat = """
        name: ContosoChatPrompt
        template: |
            <message role="system">
                You are an AI agent for the Contoso Outdoors products retailer. As the agent, you answer questions briefly,
                succinctly, and in a personable manner using markdown and the customer's name.

                # Customer Context
                First Name: {{customer.firstName}}
                Membership Status: {{customer.membership}}
            </message>
            {{#each history}}
            <message role="{{role}}">
                {{content}}
            </message>
            {{/each}}
        template_format: handlebars
        description: Contoso chat prompt template.
        input_variables:
          - name: customer
            description: Customer details.
            is_required: true
          - name: history
            description: Chat history.
            is_required: true
        execution_settings:
          default:
            model_id: gpt-4o
            max_tokens: 800
            response_format:
              type: json_schema
              json_schema:
                name: reply
                strict: !!bool true
                schema:
                  type: object
                  required: [answer]
                  additionalProperties: !!bool false

        """;

    public const string ContosoChatSystemStatic = "\n    You are an AI agent for the Contoso Outdoors products retailer. As the agent, you answer questions briefly,\n    succinctly, and in a personable manner using markdown and the customer's name.\n\n    # Customer Context\n    First Name: \n    Membership Status: \n";
}
