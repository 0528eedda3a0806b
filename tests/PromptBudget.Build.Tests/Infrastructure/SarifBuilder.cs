using System;
using System.Collections.Generic;
using System.IO;
using PromptBudget.Core.Json;
using PromptBudget.Core.Reporting;

namespace PromptBudget.Build.Tests.Infrastructure;

/// <summary>
/// Builds a SARIF 2.1 error log shaped like the one the C# compiler writes: results with ruleId,
/// level, message, <c>locations[0].physicalLocation</c> (a file URI and a region), and
/// <c>properties.customProperties</c> carrying the PB0001 payload; suppressed results carry <c>suppressions</c>.
/// </summary>
public sealed class SarifBuilder
{
    private readonly string _projectDirectory;
    private readonly List<Action<JsonWriter>> _results = new();

    public SarifBuilder(string projectDirectory) => _projectDirectory = projectDirectory;

    /// <summary>A PB0001 result for the record, located at its file (relative to the project) and line unless given.</summary>
    public SarifBuilder Add(CallSiteRecord record, int? line = null, bool suppressed = false) =>
        AddPayload(CallSiteRecordJson.Write(record), record.File, line ?? record.Line, suppressed);

    public SarifBuilder AddPayload(string? payload, string relativeFile, int line, bool suppressed = false, string ruleId = "PB0001")
    {
        var uri = new Uri(Path.Combine(_projectDirectory, relativeFile)).AbsoluteUri;
        _results.Add(w =>
        {
            w.StartObject();
            w.Property("ruleId", ruleId);
            w.Property("ruleIndex", 0);
            w.Property("level", ruleId == "PB0001" ? "note" : "warning");
            w.Name("message").StartObject().Property("text", "gpt-4o: 1,200 input tokens, worst case $0.10 per call").EndObject();
            if (suppressed)
            {
                w.Name("suppressions").StartArray().StartObject().Property("kind", "inSource").EndObject().EndArray();
            }

            w.Name("locations").StartArray().StartObject().Name("physicalLocation").StartObject();
            w.Name("artifactLocation").StartObject().Property("uri", uri).EndObject();
            w.Name("region").StartObject().Property("startLine", line).Property("startColumn", 9).Property("endLine", line).Property("endColumn", 60).EndObject();
            w.EndObject().EndObject().EndArray();
            w.Name("properties").StartObject().Property("warningLevel", 1);
            if (payload is not null)
            {
                w.Name("customProperties").StartObject().Property(CallSiteRecordJson.PropertyName, payload).EndObject();
            }

            w.EndObject();
            w.EndObject();
        });
        return this;
    }

    public string Build()
    {
        var w = new JsonWriter(indented: true);
        w.StartObject();
        w.Property("$schema", "http://json.schemastore.org/sarif-2.1.0");
        w.Property("version", "2.1.0");
        w.Name("runs").StartArray().StartObject();
        w.Name("results").StartArray();
        foreach (var result in _results)
        {
            result(w);
        }

        w.EndArray();
        w.Name("tool").StartObject().Name("driver").StartObject();
        w.Property("name", "Microsoft (R) Visual C# Compiler").Property("version", "5.0.0").Property("dottedQuadFileVersion", "5.0.0.0").Property("semanticVersion", "5.0.0").Property("language", "en-US");
        w.Name("rules").StartArray();
        w.StartObject().Property("id", "PB0001").Name("shortDescription").StartObject().Property("text", "Prompt cost").EndObject();
        w.Name("properties").StartObject().Property("category", "PromptBudget").Property("isEnabledByDefault", true).EndObject().EndObject();
        w.EndArray();
        w.EndObject().EndObject();
        w.Property("columnKind", "utf16CodeUnits");
        w.EndObject().EndArray();
        w.EndObject();
        return w.ToString();
    }

    public string WriteTo(string path)
    {
        File.WriteAllText(path, Build());
        return path;
    }
}
