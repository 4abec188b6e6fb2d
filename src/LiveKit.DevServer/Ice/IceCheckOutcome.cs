namespace LiveKit.DevServer.Ice;

/// <summary>What <see cref="IceLiteAgent.HandleRequest"/> did with one STUN message.</summary>
internal enum IceCheckOutcome
{
    /// <summary>Authenticated binding request; a success response was written (RFC 8445 §7.3).</summary>
    Succeeded,

    /// <summary>Missing USERNAME, MESSAGE-INTEGRITY, PRIORITY or role attribute; a 400 response was written.</summary>
    BadRequest,

    /// <summary>Unknown username or wrong MESSAGE-INTEGRITY; an unsigned 401 response was written (RFC 5389 §10.1.2).</summary>
    Unauthorized,

    /// <summary>A comprehension-required attribute we do not know; a 420 response was written (RFC 5389 §7.3.1).</summary>
    UnknownAttribute,

    /// <summary>The peer claims to be controlled too; a lite agent is always controlled, so 487 (RFC 8445 §7.3.1.1).</summary>
    RoleConflict,

    /// <summary>Not answered: an indication, a response, a non-Binding method or a bad FINGERPRINT (RFC 5389 §7.3).</summary>
    Ignored,
}
