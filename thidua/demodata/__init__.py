"""The app of the `thidua demo` command. The demo data itself is `thidua.demo`, which loads every
app's demo: the top of the apps' order (docs/architecture.md), so its command lives here, not in
`core` at the bottom."""
