using System;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PromptBudget.Analyzers.Payload;

/// <summary>
/// Where this compilation's call-site payload goes, read from the settings file the package's targets
/// add as an AdditionalFiles item (<c>obj/…/promptbudget/promptbudget.channel</c>): <c>payload=</c> the
/// file to write, <c>projectDirectory=</c> the folder paths are made relative to. The targets write
/// it only outside design-time builds, so the IDE never has one and never writes anything.
/// </summary>
internal sealed class PayloadChannel
{
    public const string SettingsFileName = "promptbudget.channel";

    private PayloadChannel(string payloadPath, string projectDirectory)
    {
        PayloadPath = payloadPath;
        ProjectDirectory = projectDirectory;
    }

    public string PayloadPath { get; }

    public string ProjectDirectory { get; }

    /// <summary>The channel of this compilation, or null when it has no settings file (the IDE, tests, PromptBudget off).</summary>
    public static PayloadChannel? Find(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        foreach (var file in options.AdditionalFiles)
        {
            if (!string.Equals(Path.GetFileName(file.Path), SettingsFileName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var content = file.GetText(cancellationToken);
            if (content is null)
            {
                return null;
            }

            string? payload = null;
            var projectDirectory = "";
            foreach (var line in content.Lines)
            {
                var text = line.ToString();
                var equals = text.IndexOf('=');
                if (equals <= 0 || text.StartsWith("#", StringComparison.Ordinal))
                {
                    continue;
                }

                var key = text.Substring(0, equals).Trim();
                var value = text.Substring(equals + 1).Trim();
                if (key == "payload")
                {
                    payload = value;
                }
                else if (key == "projectDirectory")
                {
                    projectDirectory = value;
                }
            }

            return string.IsNullOrEmpty(payload) ? null : new PayloadChannel(payload!, projectDirectory);
        }

        return null;
    }
}
