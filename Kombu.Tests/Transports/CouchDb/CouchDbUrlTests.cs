using System.Text;
using Kombu.Transport.CouchDb;

namespace Kombu.Tests.Transports.CouchDb;

/// <summary>How a couchdb:// URL becomes the server address, database and credentials (no server needed).</summary>
[Category("Unit")]
public sealed class CouchDbUrlTests
{
    private static CouchDbTransport Transport(string url) => (CouchDbTransport)new Connection(url).Transport;

    [TestCase("couchdb://", "http://localhost:5984/", "kombu_default")]
    [TestCase("couchdb://h", "http://h:5984/", "kombu_default")]
    [TestCase("couchdb://h/", "http://h:5984/", "kombu_default")]
    [TestCase("couchdb://h//", "http://h:5984/", "kombu_default")]
    [TestCase("couchdb://h:6000/jobs", "http://h:6000/", "jobs")]
    [TestCase("couchdb://h/a%2Fb", "http://h:5984/", "a/b")]
    public void Url_HostPortVirtualHost_GiveServerAndDatabase(string url, string server, string database)
    {
        var transport = Transport(url);

        Assert.That((transport.ServerUri.ToString(), transport.Database), Is.EqualTo((server, database)));
    }

    [Test]
    public void Url_Ssl_UsesHttps()
    {
        var transport = Transport("couchdb://h:6984/db?ssl=true");

        Assert.That(transport.ServerUri.ToString(), Is.EqualTo("https://h:6984/"));
    }

    [Test]
    public void Url_Credentials_StayOutOfServerUri()
    {
        var transport = Transport("couchdb://kombu:s%40cret@h:5984/db");

        Assert.That((transport.Client.UserId, transport.Client.Password, transport.ServerUri.ToString()),
            Is.EqualTo(("kombu", "s@cret", "http://h:5984/")));
    }

    [Test]
    public void BasicAuthorization_UserAndPassword_IsBase64OfUserColonPassword()
    {
        var header = CouchDbClient.BasicAuthorization("kombu", "s@cret:é")!;

        Assert.That((header.Scheme, Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!))),
            Is.EqualTo(("Basic", "kombu:s@cret:é")));
    }

    [Test]
    public void BasicAuthorization_NoUser_IsNull()
    {
        Assert.That(CouchDbClient.BasicAuthorization(null, null), Is.Null);
    }

    [Test]
    public void DocumentIds_AreIncreasing32LowercaseHex()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => CouchDbDocumentIds.Next()).ToArray();

        Assert.That(ids, Has.All.Match("^[0-9a-f]{32}$"));
        Assert.That(ids, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal).And.Unique);
    }
}
