namespace Enswitch.Client.Testing;

/// <summary>The kinds of <see cref="EmulatorFault"/>.</summary>
public enum EmulatorFaultKind
{
    /// <summary>Read the whole request, then close the connection without answering.</summary>
    CloseAfterRequest,

    /// <summary>Never answer.</summary>
    Hang,

    /// <summary>Wait, then serve normally.</summary>
    Delay,

    /// <summary>Send headers, then never send the body.</summary>
    StallBody,

    /// <summary>Send part of a declared body, then drop the connection.</summary>
    ResetMidBody,

    /// <summary>Answer with a given status, headers and body.</summary>
    Raw,

    /// <summary>Answer with a given envelope.</summary>
    Envelope,

    /// <summary>Answer with a very large body.</summary>
    OversizedBody,

    /// <summary>Answer with a body that never ends.</summary>
    EndlessBody,

    /// <summary>Close the connection before the request body is read, so nothing is applied.</summary>
    CloseBeforeRequest,
}
