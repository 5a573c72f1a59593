using Kombu.Serialization;

// Directory.Build.props reads IsShipped before Kombu.Tests.csproj sets it, so tests inherit the XML-doc rule.

namespace Kombu.Tests.Serialization;

[Category("Unit")]
public sealed class PythonIsoFormatTests
{
    [Test]
    public void FormatDateTime_YearBelow1000_PadsToFourDigits()
    {
        Assert.That(PythonIsoFormat.FormatDateTime(new DateTime(5, 6, 7, 8, 9, 10), null), Is.EqualTo("0005-06-07T08:09:10"));
    }

    [Test]
    public void FormatDateTime_SubMicrosecondTicks_AreTruncated()
    {
        var value = new DateTime(2024, 1, 2, 3, 4, 5).AddTicks(9);

        Assert.That(PythonIsoFormat.FormatDateTime(value, TimeSpan.Zero), Is.EqualTo("2024-01-02T03:04:05+00:00"));
    }

    [TestCase("2024-01-02T03:04:05", 2024, 1, 2, 3, 4, 5, 0)]
    [TestCase("20240102T030405", 2024, 1, 2, 3, 4, 5, 0)]
    [TestCase("2024-01-02 03:04", 2024, 1, 2, 3, 4, 0, 0)]
    [TestCase("2024-01-02T03", 2024, 1, 2, 3, 0, 0, 0)]
    [TestCase("2024-01-02T03:04:05.123", 2024, 1, 2, 3, 4, 5, 123000)]
    [TestCase("2024-01-02T03:04:05,1234567", 2024, 1, 2, 3, 4, 5, 123456)]
    public void TryParseDateTime_NaiveForms_ReturnsValueWithoutOffset(string text, int y, int mo, int d, int h, int mi, int s, int micro)
    {
        var ok = PythonIsoFormat.TryParseDateTime(text, out var value, out var offset);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.True);
            Assert.That(value, Is.EqualTo(new DateTime(y, mo, d, h, mi, s).AddTicks(micro * 10L)));
            Assert.That(offset, Is.Null);
        });
    }

    [TestCase("2024-01-02T03:04:05+0530", 330)]
    [TestCase("2024-01-02T03:04:05-01", -60)]
    [TestCase("2024-01-02T03:04:05Z", 0)]
    public void TryParseDateTime_OffsetForms_ReturnsOffset(string text, int minutes)
    {
        PythonIsoFormat.TryParseDateTime(text, out _, out var offset);

        Assert.That(offset, Is.EqualTo(TimeSpan.FromMinutes(minutes)));
    }

    [TestCase("")]
    [TestCase("2024-02-30")]
    [TestCase("2024-01-02T")]
    [TestCase("2024-01-02T25:00:00")]
    [TestCase("2024-01-02T03:04:05.")]
    [TestCase("2024-01-02T03:04:05+01:00:30")]
    [TestCase("yesterday")]
    public void TryParseDateTime_Invalid_ReturnsFalse(string text)
    {
        Assert.That(PythonIsoFormat.TryParseDateTime(text, out _, out _), Is.False);
    }
}
