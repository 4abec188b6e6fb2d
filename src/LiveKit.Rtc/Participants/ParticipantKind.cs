namespace LiveKit.Rtc;

/// <summary>What kind of client a participant is (agents, SIP callers and egress are told apart from people).</summary>
public enum ParticipantKind
{
    Standard = 0,
    Ingress = 1,
    Egress = 2,
    Sip = 3,
    Agent = 4,
    Connector = 5,
    Bridge = 6,
}
