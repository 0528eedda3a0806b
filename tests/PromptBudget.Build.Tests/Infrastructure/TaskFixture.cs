using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PromptBudget.Core.Reporting;

namespace PromptBudget.Build.Tests.Infrastructure;

/// <summary>A project folder, the analyzer's payload file and a <see cref="PromptBudgetReport"/> wired to a <see cref="MockEngine"/>.</summary>
public sealed class TaskFixture : IDisposable
{
    private readonly TempDirectory _temp = new();

    public TaskFixture()
    {
        ProjectDirectory = _temp.Combine("Shop");
        Directory.CreateDirectory(ProjectDirectory);
        IntermediateDirectory = Path.Combine(ProjectDirectory, "obj", "Debug", "net8.0", "promptbudget");
        PayloadPath = Path.Combine(IntermediateDirectory, "callsites.jsonl");
    }

    /// <summary>The price date <see cref="Sites.Record"/> writes.</summary>
    public static readonly DateTime PriceDateOfRecords = new(2026, 7, 24);

    public string ProjectDirectory { get; }

    public string PayloadPath { get; }

    public string IntermediateDirectory { get; }

    /// <summary>The records the payload holds, in the order written.</summary>
    public List<CallSiteRecord> Records { get; } = new();

    public MockEngine Engine { get; private set; } = new();

    public string TempPath(params string[] parts) => _temp.Combine(parts);

    public TaskFixture Add(CallSiteRecord record)
    {
        Records.Add(record);
        return this;
    }

    /// <summary>Writes the payload file as the analyzer would: records with project-relative files.</summary>
    public string WritePayload()
    {
        Directory.CreateDirectory(IntermediateDirectory);
        File.WriteAllText(PayloadPath, CallSitePayloadFile.Write(Records));
        return PayloadPath;
    }

    public static ITaskItem Feature(string name, string? maxCostPerRequestUsd = null, string? callsPerMonth = null, string? maxMonthlyCostUsd = null)
    {
        var metadata = new Dictionary<string, string>();
        if (maxCostPerRequestUsd is not null)
        {
            metadata["MaxCostPerRequestUsd"] = maxCostPerRequestUsd;
        }

        if (callsPerMonth is not null)
        {
            metadata["CallsPerMonth"] = callsPerMonth;
        }

        if (maxMonthlyCostUsd is not null)
        {
            metadata["MaxMonthlyCostUsd"] = maxMonthlyCostUsd;
        }

        return new TaskItem(name, metadata);
    }

    /// <summary>Writes the payload (unless <paramref name="writePayload"/> is false) and runs a fresh task configured by <paramref name="configure"/>.</summary>
    public (bool Result, PromptBudgetReport Task) Run(Action<PromptBudgetReport>? configure = null, bool writePayload = true)
    {
        if (writePayload)
        {
            WritePayload();
        }

        Engine = new MockEngine();
        var task = new PromptBudgetReport
        {
            BuildEngine = Engine,
            PayloadFile = PayloadPath,
            ProjectDirectory = ProjectDirectory,
            ProjectName = "Shop",
            TargetFramework = "net8.0",
            IntermediateReportDirectory = IntermediateDirectory,

            // A fixed "today" a week after the records' price date: tests never depend on the clock.
            Today = PriceDateOfRecords.AddDays(7),
        };
        configure?.Invoke(task);
        var result = task.Execute();
        return (result, task);
    }

    public string ReadReport(string fileName) => File.ReadAllText(Path.Combine(IntermediateDirectory, fileName));

    public void Dispose() => _temp.Dispose();
}
