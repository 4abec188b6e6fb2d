namespace WarmTransfer.TransferAgent.Tests.TestSupport;

/// <summary>Test classes in this collection share one <see cref="OfflineEnginesFixture"/> (and run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class OfflineEnginesGroup : ICollectionFixture<OfflineEnginesFixture>
{
    public const string Name = "Offline engines";
}
