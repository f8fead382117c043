;; Dot products of one query with every row of a matrix, four lanes at a time (WebAssembly SIMD).
;; scan(q, m, n, d, out): out[r] = sum_i q[i] * m[r*d + i] for r < n. Pointers are byte offsets into the
;; exported memory; d is a multiple of 16 (rows are zero-padded by the caller).
(module
  (memory (export "memory") 1)
  (func (export "scan") (param $q i32) (param $m i32) (param $n i32) (param $d i32) (param $out i32)
    (local $r i32) (local $i i32) (local $row i32) (local $bytes i32) (local $a v128) (local $b v128) (local $c v128) (local $e v128)
    (local.set $bytes (i32.shl (local.get $d) (i32.const 2)))
    (local.set $row (local.get $m))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $a (v128.const f32x4 0 0 0 0))
        (local.set $b (v128.const f32x4 0 0 0 0))
        (local.set $c (v128.const f32x4 0 0 0 0))
        (local.set $e (v128.const f32x4 0 0 0 0))
        (local.set $i (i32.const 0))
        (block $end
          (loop $cols
            (br_if $end (i32.ge_u (local.get $i) (local.get $bytes)))
            (local.set $a (f32x4.add (local.get $a)
              (f32x4.mul (v128.load (i32.add (local.get $q) (local.get $i))) (v128.load (i32.add (local.get $row) (local.get $i))))))
            (local.set $b (f32x4.add (local.get $b)
              (f32x4.mul (v128.load offset=16 (i32.add (local.get $q) (local.get $i))) (v128.load offset=16 (i32.add (local.get $row) (local.get $i))))))
            (local.set $c (f32x4.add (local.get $c)
              (f32x4.mul (v128.load offset=32 (i32.add (local.get $q) (local.get $i))) (v128.load offset=32 (i32.add (local.get $row) (local.get $i))))))
            (local.set $e (f32x4.add (local.get $e)
              (f32x4.mul (v128.load offset=48 (i32.add (local.get $q) (local.get $i))) (v128.load offset=48 (i32.add (local.get $row) (local.get $i))))))
            (local.set $i (i32.add (local.get $i) (i32.const 64)))
            (br $cols)))
        (local.set $a (f32x4.add (f32x4.add (local.get $a) (local.get $b)) (f32x4.add (local.get $c) (local.get $e))))
        (f32.store (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 2)))
          (f32.add
            (f32.add (f32x4.extract_lane 0 (local.get $a)) (f32x4.extract_lane 1 (local.get $a)))
            (f32.add (f32x4.extract_lane 2 (local.get $a)) (f32x4.extract_lane 3 (local.get $a)))))
        (local.set $row (i32.add (local.get $row) (local.get $bytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows)))))
