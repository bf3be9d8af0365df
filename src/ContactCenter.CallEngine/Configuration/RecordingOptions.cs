using ContactCenter.Media.Audio;

namespace ContactCenter.CallEngine.Configuration;

/// <summary>Call recording (section <c>Sip:Recording</c>).</summary>
public sealed class RecordingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sip:Recording";

    /// <summary>Whether answered calls are recorded (a service number may turn it off for its calls).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Where recordings go: <c>DIRECTORY/yyyy/MM/dd/CALLID.wav</c>. A relative folder is taken from the process's
    /// working directory (the repository root for <c>deploy/demo.sh</c>).
    /// </summary>
    public string Directory { get; set; } = "var/recordings";

    /// <summary><see cref="RecordingLayout.MonoMix"/> (both parties in one channel) or <see cref="RecordingLayout.Stereo"/> (caller left, agent right).</summary>
    public RecordingLayout Layout { get; set; } = RecordingLayout.MonoMix;

    /// <summary>
    /// A call is not recorded when the recordings' volume has less free space than this (in MiB): the call goes on, the
    /// log says why, and the disk is not filled to the last byte (which would fail the recordings in progress).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, 1_048_576)]
    public long MinFreeMegabytes { get; set; } = 512;
}
