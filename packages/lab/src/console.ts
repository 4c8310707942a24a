// console facts of the lab registry (issue 10); filled in by the work on it.
export {};
