using System.Net;
using System.Text;
using LiveKit.DevServer.Ice;
using LiveKit.DevServer.Stun;
using Microsoft.Extensions.Time.Testing;

namespace LiveKit.DevServer.Tests.Ice;

public sealed class IceLiteAgentTests : IDisposable
{
    private static readonly IceCredentials Local = new("LocalUfrag123456", "LocalPassword0123456789abcdefABCD");
    private static readonly IPEndPoint Peer = new(IPAddress.Loopback, 50000);

    private readonly FakeTimeProvider _time = new();
    private readonly IceLiteAgent _agent;
    private readonly List<IceAgentState> _states = [];
    private readonly byte[] _response = new byte[StunConstants.MaxMessageLength];

    public IceLiteAgentTests()
    {
        _agent = new IceLiteAgent(Local, new IceLiteAgentOptions(), _time);
        _agent.StateChanged += (_, s) => _states.Add(s);
    }

    public void Dispose() => _agent.Dispose();

    [Fact]
    public void HandleRequest_CheckWithUseCandidate_SignsSuccessAndConnects()
    {
        var outcome = Handle(CheckBuilder.Build(useCandidate: true), Peer, out var response);

        Assert.Equal(IceCheckOutcome.Succeeded, outcome);
        Assert.Equal(StunParseStatus.Success, StunMessage.TryParse(response, out var message, out _));
        Assert.Equal(StunMessageClass.SuccessResponse, message.Class);
        Assert.True(message.TransactionId.SequenceEqual(CheckBuilder.TransactionId));
        Assert.True(StunMessageIntegrity.Verify(message, Encoding.ASCII.GetBytes(Local.Password)));
        Assert.True(StunFingerprint.Verify(message));
        Assert.True(message.TryGetAttribute(StunAttributeType.XorMappedAddress, out var mapped));
        Assert.True(StunXorAddress.TryDecode(mapped.Value, message.TransactionId, out var endPoint));
        Assert.Equal(Peer, endPoint);
        Assert.Equal(IceAgentState.Connected, _agent.State);
        Assert.Equal(Peer, _agent.SelectedEndPoint);
        Assert.True(_agent.IsNominated);
        Assert.Equal([IceAgentState.Connected], _states);
    }

    [Fact]
    public void HandleRequest_CheckWithoutNomination_ChecksAndSelectsProvisionally()
    {
        Assert.Equal(IceCheckOutcome.Succeeded, Handle(CheckBuilder.Build(), Peer, out _));

        Assert.Equal(IceAgentState.Checking, _agent.State);
        Assert.False(_agent.IsNominated);
        Assert.Equal(Peer, _agent.SelectedEndPoint);
        Assert.True(_agent.IsValidated(Peer));
        Assert.False(_agent.IsValidated(new IPEndPoint(IPAddress.Loopback, 50001)));
    }

    [Fact]
    public void HandleRequest_LaterNomination_SwitchesSelectedPair()
    {
        var first = new IPEndPoint(IPAddress.Loopback, 40000);
        Handle(CheckBuilder.Build(), first, out _);
        Handle(CheckBuilder.Build(useCandidate: true), Peer, out _);

        Assert.Equal(Peer, _agent.SelectedEndPoint);
        Assert.Equal([IceAgentState.Checking, IceAgentState.Connected], _states);
    }

    [Fact]
    public void HandleRequest_WrongPassword_Unsigned401()
    {
        var outcome = Handle(CheckBuilder.Build(password: "SomeoneElsesPassword0123456789ab"), Peer, out var response);

        Assert.Equal(IceCheckOutcome.Unauthorized, outcome);
        AssertError(response, 401, signed: false);
        Assert.Equal(IceAgentState.New, _agent.State);
        Assert.Null(_agent.SelectedEndPoint);
    }

    [Fact]
    public void HandleRequest_WrongLocalUfrag_Unauthorized()
    {
        Assert.Equal(IceCheckOutcome.Unauthorized, Handle(CheckBuilder.Build(username: "OtherUfrag:peer"), Peer, out var response));
        AssertError(response, 401, signed: false);
    }

    [Fact]
    public void HandleRequest_RemoteUfragDiffersFromSdp_Unauthorized()
    {
        _agent.SetRemoteUfrag("expected");

        Assert.Equal(IceCheckOutcome.Unauthorized, Handle(CheckBuilder.Build(username: Local.Ufrag + ":other"), Peer, out _));
        Assert.Equal(IceCheckOutcome.Succeeded, Handle(CheckBuilder.Build(username: Local.Ufrag + ":expected"), Peer, out _));
    }

    [Fact]
    public void HandleRequest_NoMessageIntegrity_BadRequest()
    {
        Assert.Equal(IceCheckOutcome.BadRequest, Handle(CheckBuilder.Build(password: null), Peer, out var response));
        AssertError(response, 400, signed: false);
    }

    [Fact]
    public void HandleRequest_NoPriority_BadRequest()
    {
        Assert.Equal(IceCheckOutcome.BadRequest, Handle(CheckBuilder.Build(priority: false), Peer, out var response));
        AssertError(response, 400, signed: false);
    }

    [Fact]
    public void HandleRequest_PeerAlsoControlled_SignedRoleConflict()
    {
        Assert.Equal(IceCheckOutcome.RoleConflict, Handle(CheckBuilder.Build(controlling: false), Peer, out var response));
        AssertError(response, 487, signed: true);
        Assert.Equal(IceAgentState.New, _agent.State);
    }

    [Fact]
    public void HandleRequest_UnknownRequiredAttribute_420ListsIt()
    {
        Assert.Equal(IceCheckOutcome.UnknownAttribute, Handle(CheckBuilder.Build(extraRequiredAttribute: 0x0077), Peer, out var response));
        AssertError(response, 420, signed: false);
        StunMessage.TryParse(response, out var message, out _);
        Assert.True(message.TryGetAttribute(StunAttributeType.UnknownAttributes, out var list));
        Assert.Equal(new byte[] { 0x00, 0x77 }, list.Value.ToArray());
    }

    [Fact]
    public void HandleRequest_BadFingerprint_Ignored()
    {
        var bytes = CheckBuilder.Build();
        bytes[^1] ^= 0xFF;

        Assert.Equal(IceCheckOutcome.Ignored, Handle(bytes, Peer, out var response));
        Assert.Empty(response);
    }

    [Fact]
    public void HandleRequest_BindingIndication_Ignored()
    {
        Assert.Equal(IceCheckOutcome.Ignored, Handle(CheckBuilder.Build(messageClass: StunMessageClass.Indication), Peer, out _));
        Assert.Equal(IceAgentState.New, _agent.State);
    }

    [Fact]
    public void Timeouts_PeerFallsSilent_DisconnectsThenFails()
    {
        Handle(CheckBuilder.Build(useCandidate: true), Peer, out _);

        AdvanceSeconds(11);
        Assert.Equal(IceAgentState.Disconnected, _agent.State);

        Handle(CheckBuilder.Build(useCandidate: true), Peer, out _);
        Assert.Equal(IceAgentState.Connected, _agent.State);

        AdvanceSeconds(31);
        Assert.Equal(IceAgentState.Failed, _agent.State);
        Assert.Equal([IceAgentState.Connected, IceAgentState.Disconnected, IceAgentState.Connected, IceAgentState.Disconnected, IceAgentState.Failed], _states);

        // Failed is final: a late check is not answered with success and does not revive the agent.
        Handle(CheckBuilder.Build(useCandidate: true), Peer, out _);
        Assert.Equal(IceAgentState.Failed, _agent.State);
    }

    [Fact]
    public void Timeouts_RegularChecks_StayConnected()
    {
        Handle(CheckBuilder.Build(useCandidate: true), Peer, out _);
        for (int i = 0; i < 30; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            Handle(CheckBuilder.Build(), Peer, out _);
        }

        Assert.Equal(IceAgentState.Connected, _agent.State);
        Assert.Equal([IceAgentState.Connected], _states);
    }

    [Fact]
    public void Timeouts_NeverChecked_FailsAfterConnectTimeout()
    {
        AdvanceSeconds(29);
        Assert.Equal(IceAgentState.New, _agent.State);

        AdvanceSeconds(2);
        Assert.Equal(IceAgentState.Failed, _agent.State);
    }

    [Fact]
    public void Close_AfterConnect_IsFinal()
    {
        Handle(CheckBuilder.Build(useCandidate: true), Peer, out _);

        _agent.Close();

        Assert.Equal(IceAgentState.Closed, _agent.State);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal([IceAgentState.Connected, IceAgentState.Closed], _states);
    }

    [Fact]
    public void HandleRequest_ManySourceAddresses_RemembersABoundedSet()
    {
        Handle(CheckBuilder.Build(useCandidate: true), Peer, out _);
        for (int port = 1; port <= 100; port++)
        {
            Handle(CheckBuilder.Build(), new IPEndPoint(IPAddress.Loopback, port), out _);
        }

        Assert.True(_agent.IsValidated(Peer));
        Assert.True(_agent.IsValidated(new IPEndPoint(IPAddress.Loopback, 100)));
        Assert.False(_agent.IsValidated(new IPEndPoint(IPAddress.Loopback, 1)));
    }

    /// <summary>Advances the clock one timer period at a time, as real time passes.</summary>
    private void AdvanceSeconds(int seconds)
    {
        for (int i = 0; i < seconds; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    private IceCheckOutcome Handle(byte[] request, IPEndPoint from, out byte[] response)
    {
        Assert.Equal(StunParseStatus.Success, StunMessage.TryParse(request, out var message, out _));
        var outcome = _agent.HandleRequest(message, from, _response, out int length);
        response = _response.AsSpan(0, length).ToArray();
        return outcome;
    }

    private static void AssertError(byte[] response, int code, bool signed)
    {
        Assert.Equal(StunParseStatus.Success, StunMessage.TryParse(response, out var message, out _));
        Assert.Equal(StunMessageClass.ErrorResponse, message.Class);
        Assert.True(message.TryGetAttribute(StunAttributeType.ErrorCode, out var error));
        Assert.True(StunErrorCode.TryDecode(error.Value, out int actual, out _));
        Assert.Equal(code, actual);
        Assert.Equal(signed, message.HasAttribute(StunAttributeType.MessageIntegrity));
        if (signed)
        {
            Assert.True(StunMessageIntegrity.Verify(message, Encoding.ASCII.GetBytes(Local.Password)));
        }

        Assert.True(StunFingerprint.Verify(message));
    }

    /// <summary>Builds connectivity checks the way a full agent (Chromium) sends them (RFC 8445 §7.2.2).</summary>
    private static class CheckBuilder
    {
        public static readonly byte[] TransactionId = Encoding.ASCII.GetBytes("txn-0123456\0");

        public static byte[] Build(
            string? username = null,
            string? password = "LocalPassword0123456789abcdefABCD",
            bool useCandidate = false,
            bool controlling = true,
            bool priority = true,
            ushort extraRequiredAttribute = 0,
            StunMessageClass messageClass = StunMessageClass.Request)
        {
            var buffer = new byte[StunConstants.MaxMessageLength];
            var writer = new StunMessageWriter(buffer, messageClass, StunMethod.Binding, TransactionId);
            writer.AddText(StunAttributeType.Username, username ?? Local.Ufrag + ":peerUfrag");
            if (priority)
            {
                writer.AddUInt32(StunAttributeType.Priority, 0x6e0001ff);
            }

            writer.AddUInt64(controlling ? StunAttributeType.IceControlling : StunAttributeType.IceControlled, 0x1122334455667788);
            if (useCandidate)
            {
                writer.AddEmpty(StunAttributeType.UseCandidate);
            }

            if (extraRequiredAttribute != 0)
            {
                writer.AddUInt32((StunAttributeType)extraRequiredAttribute, 0);
            }

            if (password is not null)
            {
                writer.AddMessageIntegrity(Encoding.ASCII.GetBytes(password));
            }

            writer.AddFingerprint();
            return writer.Written.ToArray();
        }
    }
}
