namespace WarmTransfer.EndToEnd.Infrastructure;

/// <summary>Page tests share the role browsers and run one at a time (the machine has two cores).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browsers";
}
