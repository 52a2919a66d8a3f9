//! The firm's own certificate authority for its hub: one CA the laptops trust, and the
//! hub's certificate signed by it, made once at setup (or for tests).

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};

/// PEM texts: the CA certificate the laptops trust, and the hub's certificate and key.
pub struct HubCerts {
    pub ca_pem: String,
    pub cert_pem: String,
    pub key_pem: String,
}

/// A CA and a hub certificate valid for `names` (host names or IP addresses), ten years.
pub fn generate(firm: &str, names: &[String]) -> Result<HubCerts, rcgen::Error> {
    use chrono::Datelike as _;
    let day = |d: chrono::NaiveDate| rcgen::date_time_ymd(d.year(), d.month() as u8, d.day() as u8);
    let today = chrono::Utc::now().date_naive();
    let from = day(today - chrono::Days::new(1));
    let until = day(today + chrono::Days::new(3650));
    let mut ca = CertificateParams::new(Vec::<String>::new())?;
    ca.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    ca.distinguished_name
        .push(DnType::CommonName, format!("{firm} benchmatch hub CA"));
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    ca.not_before = from;
    ca.not_after = until;
    let ca_key = KeyPair::generate()?;
    let ca_cert = ca.self_signed(&ca_key)?;
    let issuer = Issuer::new(ca, ca_key);

    let mut hub = CertificateParams::new(names.to_vec())?;
    hub.distinguished_name
        .push(DnType::CommonName, format!("{firm} benchmatch hub"));
    hub.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    hub.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    hub.not_before = from;
    hub.not_after = until;
    let key = KeyPair::generate()?;
    let cert = hub.signed_by(&key, &issuer)?;
    Ok(HubCerts {
        ca_pem: ca_cert.pem(),
        cert_pem: cert.pem(),
        key_pem: key.serialize_pem(),
    })
}
