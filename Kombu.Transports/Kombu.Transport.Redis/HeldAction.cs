namespace Kombu.Transport.Redis;

/// <summary>What putting a held message back does (see <see cref="HeldMessage"/>).</summary>
internal enum HeldAction
{
    /// <summary><c>RPUSH</c> onto the list: consumed next.</summary>
    PushRight,

    /// <summary><c>LPUSH</c> onto the list: consumed last.</summary>
    PushLeft,

    /// <summary>Forget the <c>unacked</c> record and, only if it was still there, <c>RPUSH</c>.</summary>
    PushRightIfRecorded,

    /// <summary>Forget the <c>unacked</c> record and, only if it was still there, <c>LPUSH</c>.</summary>
    PushLeftIfRecorded,

    /// <summary>Forget the <c>unacked</c> record (an acknowledgement).</summary>
    Forget,

    /// <summary>
    /// Put back, unmarked, the messages a pop whose reply was lost recorded: those its channel's in-flight key names when
    /// the key is still that pop's, and only while their <c>unacked</c> records are there; then delete the key.
    /// </summary>
    RecoverInflight,

    /// <summary>Delete a closed channel's in-flight key (its last pop's reply arrived).</summary>
    DeleteInflight,
}
