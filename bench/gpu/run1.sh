#!/bin/bash
# One device run: every configuration at once, each its own process, then the ensembles.
S=${SECONDS_EACH:-450}
O=/tmp/exp; mkdir -p $O
export PYTHONUNBUFFERED=1 OMP_NUM_THREADS=1
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader
run() { name=$1; shift; timeout $((S+70)) python3 bench/gpu/recipes.py --name $name --seconds $S --out $O --save-probs $EXTRA "$@" > $O/$name.log 2>&1 & }
run g01-base
run g02-d3 --dropout 0.3
run g03-T --transpose
run g04-d3-lr2 --dropout 0.3 --lr 2e-3
run g05-ch200 --recipe chunks --chunk 200
run g06-ch200-d3 --recipe chunks --chunk 200 --dropout 0.3
run g07-ch150 --recipe chunks --chunk 150
run g08-ch300 --recipe chunks --chunk 300
run g09-ch200-lr2 --recipe chunks --chunk 200 --lr 2e-3
run g10-ch200-Td3 --recipe chunks --chunk 200 --transpose --dropout 0.3
run g11-ch200-B8 --recipe chunks --chunk 200 --streams 8
run g12-Td5 --transpose --dropout 0.5 --eval-every 500
run g13-ch200-B32-H512-Td3 --recipe chunks --chunk 200 --streams 32 --hidden 512 --transpose --dropout 0.3 --eval-every 500
run g14-c50 --chunk 50
wait
cat $O/*.jsonl > $OUT/all.jsonl
tail -n 3 $O/*.log > $OUT/logs.txt
python3 bench/gpu/ensemble.py $O | tee $OUT/ensemble.txt
grep '"best"' $OUT/all.jsonl
