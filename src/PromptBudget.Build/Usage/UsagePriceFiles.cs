using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Build.Framework;
using PromptBudget.Core.Pricing;

namespace PromptBudget.Build.Usage;

/// <summary>
/// The price table the analyzer priced the estimates with, rebuilt for the usage files: the embedded prices,
/// then, in AdditionalFiles order, each item <see cref="PriceFileSelection"/> picks (the analyzer's own rule).
/// A file that cannot be read is left out here: the analyzer already reports it (PB2002).
/// </summary>
internal static class UsagePriceFiles
{
    public static PriceTable Table(ITaskItem[]? additionalFiles, string? configured)
    {
        var files = new List<PriceFile>();
        foreach (var item in additionalFiles ?? Array.Empty<ITaskItem>())
        {
            var path = item.GetMetadata("FullPath");
            if (string.IsNullOrEmpty(path))
            {
                path = item.ItemSpec;
            }

            if (!PriceFileSelection.IsPriceFile(path, configured))
            {
                continue;
            }

            try
            {
                files.Add(PriceFileParser.Parse(File.ReadAllText(path), path));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // PB2002 from the analyzer names it.
            }
        }

        return files.Count == 0 ? PriceTable.Default : PriceTable.WithOverrides(files);
    }
}
