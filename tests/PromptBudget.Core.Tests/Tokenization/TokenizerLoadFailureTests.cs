using System;
using System.IO;
using System.Reflection;
using PromptBudget.Core.Tokenization;
using Xunit;

namespace PromptBudget.Core.Tests.Tokenization;

public class TokenizerLoadFailureTests
{
    private const string Memory = "System.Memory, Version=4.0.2.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51";

    [Fact]
    public void NamesTheAssemblyAHostCouldNotBindEvenWhenWrapped()
    {
        var load = new FileLoadException("Could not load file or assembly.", Memory);
        var wrapped = new TypeInitializationException("PromptBudget.Core.Tokenization.TokenizerRegistry", new TargetInvocationException(load));

        Assert.True(TokenizerLoadFailure.IsLoadFailure(wrapped));
        var failure = TokenizerLoadFailure.From(TokenEncoding.O200kBase, wrapped);
        Assert.Equal(Memory, failure.Assembly);
        Assert.StartsWith("FileLoadException: ", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(TokenEncoding.O200kBase, failure.Encoding);
    }

    [Fact]
    public void IsNotABugInCounting()
    {
        Assert.False(TokenizerLoadFailure.IsLoadFailure(new InvalidOperationException()));
        Assert.False(TokenizerLoadFailure.IsLoadFailure(new TypeInitializationException("T", new ArgumentException())));
        Assert.True(TokenizerLoadFailure.IsLoadFailure(new MissingMethodException("Microsoft.ML.Tokenizers.Tokenizer", "CountTokens")));
    }

    [Fact]
    public void CountsExactlyWhenTheTokenizerLoads()
    {
        var count = TokenizerProfile.OpenAIO200k.Count("Hello there");

        Assert.True(count.Exact);
        Assert.Null(count.Failure);
        Assert.Equal(TokenizerRegistry.Count("Hello there", TokenEncoding.O200kBase), count.Tokens);
        Assert.Null(TokenizerAvailability.Failure);
    }
}
