using Kombu.Serialization;

// Directory.Build.props reads IsShipped before Kombu.Tests.csproj sets it, so tests inherit the XML-doc rule.

namespace Kombu.Tests.Serialization;

[Category("Unit")]
public sealed class PythonFloatReprTests
{
    // Expected texts are Python 3's repr() of the same doubles.
    [TestCase(0.0, "0.0")]
    [TestCase(-0.0, "-0.0")]
    [TestCase(1.0, "1.0")]
    [TestCase(100.0, "100.0")]
    [TestCase(1e16, "1e+16")]
    [TestCase(1e15, "1000000000000000.0")]
    [TestCase(1.5e16, "1.5e+16")]
    [TestCase(0.0001, "0.0001")]
    [TestCase(0.00001, "1e-05")]
    [TestCase(-1.25e-7, "-1.25e-07")]
    [TestCase(123456789.125, "123456789.125")]
    [TestCase(1.7976931348623157e308, "1.7976931348623157e+308")]
    [TestCase(5e-324, "5e-324")]
    [TestCase(0.1, "0.1")]
    public void Format_Double_MatchesPythonRepr(double value, string expected)
    {
        Assert.That(PythonFloatRepr.Format(value), Is.EqualTo(expected));
    }

    [Test]
    public void Format_NonFinite_WritesJsonTokens()
    {
        Assert.That(new[] { PythonFloatRepr.Format(double.NaN), PythonFloatRepr.Format(double.PositiveInfinity), PythonFloatRepr.Format(float.NegativeInfinity) },
            Is.EqualTo(new[] { "NaN", "Infinity", "-Infinity" }));
    }
}
