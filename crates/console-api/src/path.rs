//! Building request URLs from the API base and path segments, so that no id can ever
//! change the path of a request.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use url::Url;

use crate::Error;

/// Every byte except the RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) is encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes one path segment: every byte outside the unreserved set becomes `%XX`.
///
/// Rejects values that cannot be a segment: the empty string, `.` and `..` (URL parsers
/// resolve those, which would change the path).
pub(crate) fn encode_segment(what: &str, value: &str) -> Result<String, Error> {
    if value.is_empty() {
        return Err(Error::InvalidInput(format!("the {what} is empty")));
    }
    if value == "." || value == ".." {
        return Err(Error::InvalidInput(format!(
            "the {what} must not be \".\" or \"..\""
        )));
    }
    Ok(utf8_percent_encode(value, SEGMENT).to_string())
}

/// A path part: a fixed literal (`clusters`) or a caller-supplied value to encode.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Part<'a> {
    Lit(&'static str),
    Id(&'static str, &'a str),
}

/// `base` + `/` + the encoded parts. Verifies that the resulting URL's path is exactly the
/// one built (nothing was normalised away).
pub(crate) fn build_url(base: &Url, parts: &[Part<'_>]) -> Result<Url, Error> {
    let mut path = base.path().trim_end_matches('/').to_owned();
    for part in parts {
        path.push('/');
        match part {
            Part::Lit(s) => path.push_str(s),
            Part::Id(what, v) => path.push_str(&encode_segment(what, v)?),
        }
    }
    let mut url = base.clone();
    url.set_path(&path);
    if url.path() != path {
        return Err(Error::InvalidInput(
            "an id would change the request path".into(),
        ));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn base() -> Url {
        Url::parse("http://127.0.0.1:1234/api/").expect("url")
    }

    fn cluster(id: &str) -> Result<String, Error> {
        build_url(
            &base(),
            &[Part::Lit("clusters"), Part::Id("cluster id", id)],
        )
        .map(|u| u.to_string())
    }

    #[test]
    fn hostile_ids_stay_in_one_segment() {
        assert_eq!(
            cluster("abc-123").expect("ok"),
            "http://127.0.0.1:1234/api/clusters/abc-123"
        );
        assert_eq!(
            cluster("a/b").expect("ok"),
            "http://127.0.0.1:1234/api/clusters/a%2Fb"
        );
        assert_eq!(
            cluster("a?x=1").expect("ok"),
            "http://127.0.0.1:1234/api/clusters/a%3Fx%3D1"
        );
        assert_eq!(
            cluster("#frag").expect("ok"),
            "http://127.0.0.1:1234/api/clusters/%23frag"
        );
        assert_eq!(
            cluster("%2F").expect("ok"),
            "http://127.0.0.1:1234/api/clusters/%252F"
        );
        assert_eq!(
            cluster("../..").expect("ok"),
            "http://127.0.0.1:1234/api/clusters/..%2F.."
        );
        assert_eq!(
            cluster("...").expect("ok"),
            "http://127.0.0.1:1234/api/clusters/..."
        );
        assert_eq!(
            cluster("%2e%2e").expect("ok"),
            "http://127.0.0.1:1234/api/clusters/%252e%252e"
        );
        assert_eq!(
            cluster("ü ").expect("ok"),
            "http://127.0.0.1:1234/api/clusters/%C3%BC%20"
        );
        assert_eq!(
            cluster("a\\b").expect("ok"),
            "http://127.0.0.1:1234/api/clusters/a%5Cb"
        );
    }

    #[test]
    fn dot_segments_and_empty_are_rejected() {
        for bad in ["", ".", ".."] {
            assert!(
                matches!(cluster(bad), Err(Error::InvalidInput(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn base_without_path() {
        let base = Url::parse("https://api.cloud.camunda.io").expect("url");
        let url = build_url(&base, &[Part::Lit("clusters")]).expect("ok");
        assert_eq!(url.as_str(), "https://api.cloud.camunda.io/clusters");
    }

    fn decode(s: &str) -> String {
        percent_encoding::percent_decode_str(s)
            .decode_utf8()
            .expect("utf8")
            .into_owned()
    }

    proptest! {
        #[test]
        fn any_id_is_one_segment_that_decodes_back(id in any::<String>()) {
            match cluster(&id) {
                Err(_) => prop_assert!(id.is_empty() || id == "." || id == ".."),
                Ok(s) => {
                    let url = Url::parse(&s).expect("reparse");
                    let segs: Vec<&str> = url.path_segments().expect("segments").collect();
                    prop_assert_eq!(segs.len(), 3);
                    prop_assert_eq!(segs[0], "api");
                    prop_assert_eq!(segs[1], "clusters");
                    prop_assert_eq!(decode(segs[2]), id);
                    prop_assert!(url.query().is_none());
                    prop_assert!(url.fragment().is_none());
                    prop_assert_eq!(url.host_str(), Some("127.0.0.1"));
                }
            }
        }

        #[test]
        fn encoded_segment_has_only_unreserved_or_escapes(id in "[ -~]{1,40}|\\PC{1,20}") {
            if let Ok(enc) = encode_segment("id", &id) {
                prop_assert!(enc.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
                prop_assert_eq!(decode(&enc), id);
            }
        }

        #[test]
        fn path_chars_never_survive(prefix in "[a-z]{0,5}", sep in "[/?#%\\\\]", suffix in "[a-z.]{0,5}") {
            let id = format!("{prefix}{sep}{suffix}");
            let enc = encode_segment("id", &id).expect("non-empty");
            prop_assert!(!enc.contains('/') && !enc.contains('?') && !enc.contains('#') && !enc.contains('\\'));
        }
    }
}
