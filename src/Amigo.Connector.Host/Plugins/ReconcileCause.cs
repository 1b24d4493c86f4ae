namespace Amigo.Connector.Host.Plugins;

/// <summary>Why a plugin's hosted service is brought in line with the switches.</summary>
internal enum ReconcileCause
{
    /// <summary>The host starts.</summary>
    HostStart,

    /// <summary>A switch changed (here, elsewhere, or notices may have been missed).</summary>
    SwitchChange,

    /// <summary>The periodic look in case a change notice was missed: a failed service is not tried again for it.</summary>
    Poll,
}
