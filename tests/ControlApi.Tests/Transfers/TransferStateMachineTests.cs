using WarmTransfer.ControlApi.Transfers;

namespace WarmTransfer.ControlApi.Tests.Transfers;

public sealed class TransferStateMachineTests
{
    [Theory]
    [InlineData("Requested", "BeginBriefing", true)]
    [InlineData("Requested", "Cancel", true)]
    [InlineData("Requested", "Accept", false)]
    [InlineData("Briefing", "Accept", true)]
    [InlineData("Briefing", "Decline", true)]
    [InlineData("Briefing", "TimeOut", true)]
    [InlineData("Briefing", "Complete", false)]
    [InlineData("Briefing", "BeginBriefing", false)]
    [InlineData("Accepted", "Complete", true)]
    [InlineData("Accepted", "Abandon", true)]
    [InlineData("Accepted", "Cancel", false)]
    [InlineData("Accepted", "Decline", false)]
    [InlineData("Accepted", "TimeOut", false)]
    [InlineData("Completed", "Abandon", false)]
    [InlineData("Cancelled", "Accept", false)]
    [InlineData("Failed", "Fail", false)]
    public void CanApply_FollowsTheDocumentedMachine(string from, string command, bool allowed)
    {
        Assert.Equal(allowed, TransferStateMachine.CanApply(Enum.Parse<TransferState>(from), Enum.Parse<TransferCommand>(command)));
    }

    [Fact]
    public void TerminalStates_AcceptNoCommand()
    {
        var terminal = Enum.GetValues<TransferState>().Where(s => !TransferStateMachine.IsActive(s));
        Assert.All(terminal, state => Assert.All(Enum.GetValues<TransferCommand>(), command => Assert.False(TransferStateMachine.CanApply(state, command))));
        Assert.Equal([TransferState.Requested, TransferState.Briefing, TransferState.Accepted], Enum.GetValues<TransferState>().Where(TransferStateMachine.IsActive));
    }

    [Fact]
    public void DescribeRefusal_NamesTheStateAndWhatIsStillPossible()
    {
        Assert.Equal("Cannot accept transfer t1: it is Cancelled; it has ended and accepts no further commands.", TransferStateMachine.DescribeRefusal("t1", TransferState.Cancelled, TransferCommand.Accept));
        Assert.Equal("Cannot decline transfer t1: it is Accepted; it can only be: completed.", TransferStateMachine.DescribeRefusal("t1", TransferState.Accepted, TransferCommand.Decline));
    }
}
