//! The floor of `tether --version`: a Rust program that prints one line.
//! `benches/whole.sh` builds it with rustc.

fn main() {
    println!("tether 0.1.0");
}
