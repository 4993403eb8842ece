// The catalogs are compiled into the binary: a changed or added .ftl file
// must rebuild the crate.
fn main() {
    println!("cargo:rerun-if-changed=locales");
}
