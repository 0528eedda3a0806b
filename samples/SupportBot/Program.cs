using System;

namespace SupportBot;

/// <summary>Builds the services; no request is sent (the sample only has to compile).</summary>
public static class Program
{
    public static void Main()
    {
        Console.WriteLine("SupportBot: build it to see PromptBudget's warnings and reports.");
    }
}
