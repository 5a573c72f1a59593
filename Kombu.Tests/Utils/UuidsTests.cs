using Kombu.Utils;

namespace Kombu.Tests.Utils;

[Category("Unit")]
internal sealed class UuidsTests
{
    [Test]
    public void New_Called_ReturnsLowercaseHyphenatedVersion4() =>
        Assert.That(Uuids.New(), Does.Match("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));

    [Test]
    public void New_CalledTwice_ReturnsDifferentValues()
    {
        var first = Uuids.New();
        var second = Uuids.New();

        Assert.That(first, Is.Not.EqualTo(second));
    }
}
