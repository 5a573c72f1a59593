using Kombu.Common;
using Kombu.Exceptions;

namespace Kombu.Tests.Common;

[Category("Unit")]
public sealed class ErrorsTests
{
    [Test]
    public void IgnoreErrors_ConnectionOrChannelError_IsSwallowed()
    {
        using var conn = new Connection("memory://");

        Assert.That(() => Errors.IgnoreErrors(conn, () => throw new KombuConnectionException("lost")), Throws.Nothing);
        Assert.That(() => Errors.IgnoreErrors(conn, () => throw new KombuChannelException("closed")), Throws.Nothing);
    }

    [Test]
    public void IgnoreErrors_OtherError_Propagates()
    {
        using var conn = new Connection("memory://");

        Assert.That(() => Errors.IgnoreErrors(conn, () => throw new InvalidOperationException()), Throws.InvalidOperationException);
    }

    [Test]
    public void IgnoreErrors_Function_ReturnsItsResultOrDefault()
    {
        using var conn = new Connection("memory://");

        Assert.That(Errors.IgnoreErrors(conn, () => 42), Is.EqualTo(42));
        Assert.That(Errors.IgnoreErrors<string>(conn, () => throw new KombuConnectionException("lost")), Is.Null);
    }

    [Test]
    public async Task IgnoreErrorsAsync_ConnectionError_IsSwallowed()
    {
        await using var conn = new Connection("memory://");

        await Errors.IgnoreErrorsAsync(conn, _ => ValueTask.FromException(new KombuConnectionException("lost")));

        Assert.That(async () => await Errors.IgnoreErrorsAsync(conn, _ => ValueTask.FromException(new InvalidOperationException())),
            Throws.InvalidOperationException);
    }
}
